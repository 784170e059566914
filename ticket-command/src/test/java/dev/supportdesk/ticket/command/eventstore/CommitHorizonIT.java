package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The horizon against a real PostgreSQL with the event store's migrations: a position whose transaction is
 * still open is never final, however the other transactions come and go, with patience or without; once it ends,
 * it is, and a horizon with patience waits for it when it ends soon.
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
    @ParameterizedTest(name = "patience {0} ms")
    @ValueSource(longs = {0, 100})
    void aPositionOfATransactionThatIsStillOpenIsNeverFinal(long patienceMillis) throws SQLException {
        try (Connection open = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            CommitHorizon horizon = new CommitHorizon(Duration.ofMillis(patienceMillis));
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

    @ParameterizedTest(name = "patience {0} ms")
    @ValueSource(longs = {0, 100})
    void aRolledBackPositionBecomesFinalWithoutAnyTimeout(long patienceMillis) throws SQLException {
        try (Connection rolledBack = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            CommitHorizon horizon = new CommitHorizon(Duration.ofMillis(patienceMillis));
            rolledBack.setAutoCommit(false);
            long position = insert(rolledBack);
            assertThat(horizon.advance(jdbc)).isLessThan(position);

            rolledBack.rollback();
            horizon.advance(jdbc);

            assertThat(horizon.advance(jdbc)).isGreaterThanOrEqualTo(position);
            assertThat(CommitHorizon.lastDrawn(jdbc)).isGreaterThanOrEqualTo(position);
        }
    }

    /**
     * The first answer of a horizon with patience: a transaction that drew a position before it was asked, and
     * commits a moment later, is waited for, so that very answer includes its position. One without patience
     * answers before it, below the position.
     */
    @Test
    void aHorizonWithPatienceWaitsForATransactionRunningWhenAskedAndAnswersItsPosition() throws Exception {
        try (Connection late = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            late.setAutoCommit(false);
            long position = insert(late);
            assertThat(new CommitHorizon().advance(jdbc))
                    .as("without patience, while it runs")
                    .isLessThan(position);
            CompletableFuture<Void> commitsSoon = CompletableFuture.runAsync(() -> {
                try (Statement statement = late.createStatement()) {
                    statement.execute("SELECT pg_sleep(0.5)");
                    late.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            CommitHorizon patient = new CommitHorizon(Duration.ofMinutes(1));
            assertThat(patient.advance(jdbc)).as("its first answer").isGreaterThanOrEqualTo(position);
            commitsSoon.get(1, TimeUnit.MINUTES);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE global_index = ?", Long.class, position))
                    .as("the position answered is committed")
                    .isEqualTo(1);
        }
    }

    /**
     * A transaction that outlasts the patience holds its position back, then and at every later answer (which
     * does not wait for it again), until it commits.
     */
    @Test
    void aTransactionThatOutlastsThePatienceHoldsItsPositionBackUntilItCommits() throws SQLException {
        try (Connection open = connect();
                Connection reader = connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(reader, true));
            CommitHorizon horizon = new CommitHorizon(Duration.ofMillis(200));
            open.setAutoCommit(false);
            long position = insert(open);

            assertThat(horizon.advance(jdbc)).as("after a whole wait").isLessThan(position);
            assertThat(horizon.advance(jdbc)).as("asked again").isLessThan(position);

            open.commit();
            assertThat(horizon.advance(jdbc)).isGreaterThanOrEqualTo(position);
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
