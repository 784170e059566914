package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import dev.supportdesk.ticket.query.OwnService;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What survives a consumer that stops at the wrong moment, against whole ticket-query applications on their own
 * database and topic: stored offsets that skipped a record (what a token committed ahead of the handled records
 * did), and two instances sharing the partitions, one of them going away.
 */
class ConsumerRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRecordSkippedByTheStoredOffsetsIsFoundAgainWhenItsTicketShowsAGap() {
        String topic = TestKafka.newTopic(QueryServiceIT.PARTITIONS);
        String database = TestPostgres.newDatabase();
        JdbcTemplate db = db(database);
        String id = "G-1";
        List<Object> events =
                TicketEvents.opening(id, "Skipped", Channel.WEB, Priority.HIGH, now(), Duration.ofHours(1), List.of());

        try (ConfigurableApplicationContext first = start(database, topic)) {
            send(topic, id, 1, events.get(0));
            await().atMost(WAIT).until(() -> version(db, id) == 1);
        }
        RecordMetadata second = send(topic, id, 2, events.get(1));
        RecordMetadata third = send(topic, id, 3, events.get(2));
        // As if a batch had committed offsets beyond a record it never handled.
        db.update(
                "UPDATE ticket_query.consumer_offset SET next_offset = ? WHERE consumer = 'ticket-projection' "
                        + "AND partition = ?",
                third.offset(),
                second.partition());

        try (ConfigurableApplicationContext restarted = start(database, topic)) {
            await().atMost(WAIT).until(() -> version(db, id) == 3);
            assertThat(db.queryForObject("SELECT count(*) FROM ticket_query.consumer_parked", Integer.class))
                    .as("the gap closed itself")
                    .isZero();
            assertThat(db.queryForObject(
                            "SELECT count(*) FROM ticket_query.ticket_conversation WHERE ticket_id = ?",
                            Integer.class,
                            id))
                    .isZero();
        }
    }

    @Test
    void twoInstancesShareThePartitionsApplyEachEventOnceAndOneCarriesOnAlone() {
        String topic = TestKafka.newTopic(QueryServiceIT.PARTITIONS);
        String database = TestPostgres.newDatabase();
        JdbcTemplate db = db(database);
        ConfigurableApplicationContext one = start(database, topic);
        ConfigurableApplicationContext two = start(database, topic);
        try {
            await().atMost(WAIT)
                    .until(() -> !assigned(one).isEmpty()
                            && !assigned(two).isEmpty()
                            && assigned(one).size() + assigned(two).size() == QueryServiceIT.PARTITIONS);
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                ids.add("S-" + t);
            }
            int records = publishTickets(topic, ids, 1);
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> version(db, id) == 5));
            assertThat(applied(one) + applied(two))
                    .as("each event applied once over both")
                    .isEqualTo(records);
            assertThat(applied(one)).as("both took part").isPositive();
            assertThat(applied(two)).as("both took part").isPositive();

            one.close();
            int more = publishTickets(topic, ids, 6);

            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> version(db, id) == 10));
            assertThat(db.queryForObject("SELECT count(*) FROM ticket_query.ticket_conversation", Integer.class))
                    .as("every note once")
                    .isEqualTo(ids.size() * 7);
            assertThat(more).isEqualTo(ids.size() * 5);
        } finally {
            one.close();
            two.close();
        }
    }

    /** Versions {@code from..from+4} of every ticket: the opening events (from 1) or notes, interleaved. */
    private static int publishTickets(String topic, List<String> ids, int from) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int version = from; version < from + 5; version++) {
            for (String id : ids) {
                Object event = version <= 3
                        ? TicketEvents.opening(
                                        id,
                                        "Shared " + id,
                                        Channel.API,
                                        Priority.LOW,
                                        now(),
                                        Duration.ofHours(8),
                                        List.of())
                                .get(version - 1)
                        : new InternalNoteAddedEvent(id, "note " + version);
                records.add(TicketRecords.record(topic, id, version, event, "bob", now()));
            }
        }
        TestKafka.sendAll(records);
        return records.size();
    }

    private static java.util.Set<Integer> assigned(ConfigurableApplicationContext context) {
        return context.getBean("ticketProjectionConsumer", StreamConsumer.class).assignedPartitions();
    }

    private static long applied(ConfigurableApplicationContext context) {
        return context.getBean("ticketProjectionConsumer", StreamConsumer.class).appliedCount();
    }

    private static RecordMetadata send(String topic, String id, long version, Object event) {
        return TestKafka.send(TicketRecords.record(topic, id, version, event, "alice", now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static JdbcTemplate db(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(database, TestPostgres.USER, TestPostgres.PASSWORD));
    }

    private static long version(JdbcTemplate db, String id) {
        return db.query("SELECT version FROM ticket_query.ticket WHERE id = ?", (rs, row) -> rs.getLong(1), id).stream()
                .findFirst()
                .orElse(0L);
    }

    private static ConfigurableApplicationContext start(String database, String topic) {
        return OwnService.start(
                database,
                topic,
                // a closed instance leaves the group at once; a killed one after the session timeout
                "--support.consumer.session-timeout=PT6S",
                "--support.consumer.heartbeat-interval=PT1S");
    }
}
