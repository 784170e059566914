package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The horizon against a real PostgreSQL with the event store's migrations: a position whose transaction is
 * still open is never final, however the other transactions come and go; once it ends, it is.
 */
class CommitHorizonIT {

    private static final String DATABASE = TestPostgres.newDatabase();

    @BeforeAll
    static void migrate() {
        Flyway.configure()
                .dataSource(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD)
                .schemas("ticket_command")
                .defaultSchema("ticket_command")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * The case a snapshot's xmax gets wrong: the open transaction took its id after the last one that completed,
     * so it is above xmax and would look ended as soon as it is the oldest one running.
     */
    @Test
    void aPositionOfATransactionThatIsStillOpenIsNeverFinal() throws SQLException {
        try (Connection open = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            CommitHorizon horizon = new CommitHorizon();
            open.setAutoCommit(false);
            long position = insert(open);

            for (int i = 0; i < 5; i++) {
                assertThat(horizon.advance(jdbc)).as("advance %d while open", i).isLessThan(position);
            }

            open.commit();
            horizon.advance(jdbc);
            assertThat(horizon.advance(jdbc)).isGreaterThanOrEqualTo(position);
        }
    }

    @Test
    void aRolledBackPositionBecomesFinalWithoutAnyTimeout() throws SQLException {
        try (Connection rolledBack = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            CommitHorizon horizon = new CommitHorizon();
            rolledBack.setAutoCommit(false);
            long position = insert(rolledBack);
            assertThat(horizon.advance(jdbc)).isLessThan(position);

            rolledBack.rollback();
            horizon.advance(jdbc);

            assertThat(horizon.advance(jdbc)).isGreaterThanOrEqualTo(position);
            assertThat(CommitHorizon.lastDrawn(jdbc)).isGreaterThanOrEqualTo(position);
        }
    }

    private static long insert(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Ticket', ?, 'test.Event', '1', '{}', '{}') RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "H-" + UUID.randomUUID());
            insert.setString(3, Instant.now().toString());
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD);
        connection.setSchema("ticket_command");
        return connection;
    }
}
