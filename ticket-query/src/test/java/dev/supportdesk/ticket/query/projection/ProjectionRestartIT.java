package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import dev.supportdesk.ticket.query.OwnService;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The consumer's offsets live in PostgreSQL beside the rows: a restarted service continues where it stopped and
 * does not consume the topic again from the start. Its own database and topic, so no other suite's consumer
 * shares its state.
 */
class ProjectionRestartIT {

    private static final String TOPIC = TestKafka.newTopic(QueryServiceIT.PARTITIONS);
    private static final String DATABASE = TestPostgres.newDatabase();

    @Test
    void restartedServiceContinuesFromItsStoredOffsets() {
        JdbcTemplate db =
                new JdbcTemplate(new DriverManagerDataSource(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD));
        Instant t0 = Instant.parse("2026-11-25T09:00:00Z");

        try (ConfigurableApplicationContext first = start()) {
            open("R-1", t0);
            TestKafka.send(
                    TicketRecords.record(TOPIC, "R-1", 4, new TicketAssignedEvent("R-1", "alice", null), "alice", t0));
            await().atMost(Duration.ofSeconds(30)).until(() -> version(db, "R-1") == 4);
        }
        assertThat(db.queryForObject(
                        "SELECT sum(next_offset) FROM ticket_query.consumer_offset"
                                + " WHERE consumer = 'ticket-projection'",
                        Long.class))
                .as("every record read is stored")
                .isEqualTo(4);

        // If the next start read the topic from the beginning, it would build R-1 again from its opening event.
        db.update("DELETE FROM ticket_query.ticket WHERE id = 'R-1'");
        TestKafka.send(TicketRecords.record(TOPIC, "R-1", 5, new PublicReplyPostedEvent("R-1", "hi"), "alice", t0));
        open("R-2", t0);

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> version(db, "R-2") == 3);
            TestKafka.send(
                    TicketRecords.record(TOPIC, "R-2", 4, new TicketAssignedEvent("R-2", "bob", null), "bob", t0));
            await().atMost(Duration.ofSeconds(30)).until(() -> version(db, "R-2") == 4);
        }
        assertThat(version(db, "R-1")).as("R-1 not rebuilt from offset 0").isZero();
        assertThat(db.queryForObject("SELECT assignee FROM ticket_query.ticket WHERE id = 'R-2'", String.class))
                .isEqualTo("bob");
    }

    private static void open(String id, Instant t0) {
        List<Object> events = TicketEvents.opening(
                id, "Restart " + id, Channel.API, Priority.LOW, t0, Duration.ofHours(8), List.of());
        for (int i = 0; i < events.size(); i++) {
            TestKafka.send(TicketRecords.record(TOPIC, id, i + 1, events.get(i), "alice", t0));
        }
    }

    private static long version(JdbcTemplate db, String id) {
        return db.query("SELECT version FROM ticket_query.ticket WHERE id = ?", (rs, row) -> rs.getLong(1), id).stream()
                .findFirst()
                .orElse(0L);
    }

    private static ConfigurableApplicationContext start() {
        return OwnService.start(DATABASE, TOPIC);
    }
}
