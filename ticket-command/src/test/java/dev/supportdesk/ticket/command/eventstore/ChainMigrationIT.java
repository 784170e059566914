package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A store with events from before the audit chain: the migration that introduces the chain chains them once,
 * in stream and version order, exactly as the trigger chains new ones, and counts them.
 */
class ChainMigrationIT {

    @Test
    void eventsStoredBeforeTheChainAreChainedOnceByTheMigration() {
        String database = TestPostgres.newDatabase();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database, TestPostgres.USER, TestPostgres.PASSWORD);
        dataSource.setSchema("ticket_command");
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas("ticket_command")
                .locations("classpath:db/migration");
        flyway.target("2").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String stream : List.of("T-2", "T-1")) {
            for (int sequence = 0; sequence < 3; sequence++) {
                jdbc.update(
                        """
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, 'Ticket', '2026-01-01T00:00:00Z', 'x.NoteEvent', '1', ?, ?)""",
                        stream + "-" + sequence,
                        stream,
                        sequence,
                        ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8),
                        sequence == 1 ? null : "{}".getBytes(StandardCharsets.UTF_8));
            }
        }

        flyway.target("latest").load().migrate();

        ChainStore chain = new ChainStore(jdbc, dataSource, new DataSourceTransactionManager(dataSource));
        for (String stream : List.of("T-1", "T-2")) {
            List<ChainedEvent> events = chain.stream(stream);
            assertThat(events).hasSize(3).allMatch(ChainedEvent::hashMatches);
            assertThat(events.get(0).previousHash()).isEqualTo(CanonicalBytes.ZERO_HASH);
            assertThat(events.get(1).previousHash()).isEqualTo(events.get(0).storedHash());
            assertThat(events.get(2).previousHash()).isEqualTo(events.get(1).storedHash());
            assertThat(chain.head(stream).version()).isEqualTo(3);
            assertThat(chain.head(stream).hash()).isEqualTo(events.get(2).storedHash());
        }
        assertThat(chain.chainedByMigration()).isEqualTo(6);

        // What is appended afterwards continues the chain the migration made.
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                VALUES ('T-1-3', 'T-1', 3, 'Ticket', '2026-01-02T00:00:00Z', 'x.NoteEvent', '1', '\\x7b7d', NULL)""");
        List<ChainedEvent> longer = chain.stream("T-1");
        assertThat(longer.get(3).hashMatches()).isTrue();
        assertThat(longer.get(3).previousHash()).isEqualTo(longer.get(2).storedHash());
        assertThat(chain.heads()).containsOnlyKeys("T-1", "T-2");
        assertThat(jdbc.queryForList("SELECT version FROM stream_head ORDER BY aggregate_identifier", Long.class))
                .containsExactly(4L, 3L);
        assertThat(Map.of("origin", jdbc.queryForObject("SELECT count(*) FROM audit_chain_origin", Long.class)))
                .containsEntry("origin", 1L);
    }
}
