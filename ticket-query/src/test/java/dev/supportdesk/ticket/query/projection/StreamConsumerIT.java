package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.platform.axon.SerializerConfiguration;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stream consumer's rules against the real projection, the real database and a real broker: a ticket's
 * events apply in version order whatever order they arrive in; a missing version stalls that ticket only, visibly;
 * an event that cannot be applied is parked, the rest of the topic flows, and an admin can apply it again.
 */
class StreamConsumerIT extends QueryServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConfigurableListableBeanFactory beans;

    @Test
    void eventsAreReadWithThePlatformSerializer() {
        for (String serializer : List.of("serializer", "eventSerializer", "messageSerializer")) {
            assertThat(beans.getBeanDefinition(serializer).getFactoryBeanName())
                    .as(serializer)
                    .isEqualTo(SerializerConfiguration.class.getName());
        }
    }

    @Test
    void eventsThatArriveAheadOfTheirTurnWaitAndApplyInVersionOrder() {
        String id = newTicketId();
        List<Object> events = opening(id);
        publish(id, 1, events.get(0));
        publish(id, 3, events.get(2));
        publish(id, 2, events.get(1));
        publish(id, 4, new TicketAssignedEvent(id, "alice", null));

        JsonNode ticket = detail(id, 4);
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("sla").path("resolutionDueAt").isNull()).isFalse();
        await().atMost(WAIT).untilAsserted(() -> assertThat(parked(id)).isEmpty());
    }

    @Test
    void aMissingVersionStallsOnlyItsOwnTicketAndSaysSo() {
        String stalled = newTicketId();
        String flowing = newTicketId();
        List<Object> events = opening(stalled);
        publish(stalled, 1, events.get(0));
        publish(stalled, 3, events.get(2));
        List<Object> others = opening(flowing);
        for (int i = 0; i < others.size(); i++) {
            publish(flowing, i + 1, others.get(i));
        }

        assertThat(detail(flowing, 3).path("version").asLong()).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode waiting = parked(stalled).orElseThrow();
            assertThat(waiting.path("version").asLong()).isEqualTo(3);
            assertThat(waiting.path("reason").asText()).isEqualTo("WAITING");
            assertThat(waiting.path("error").asText()).contains("version 2");
        });
        assertThat(http().get("/api/tickets/" + stalled, "ana")
                        .json()
                        .path("version")
                        .asLong())
                .as("never papered over")
                .isEqualTo(1);
        JsonNode projection = projection();
        assertThat(projection.path("state").asText()).isEqualTo("STALLED");
        await().atMost(WAIT).untilAsserted(() -> {
            Answer stalledStreams = http().get("/actuator/metrics/support.consumer.stalled.streams", "admin");
            assertThat(stalledStreams.status()).isEqualTo(200);
            assertThat(stalledStreams
                            .json()
                            .path("measurements")
                            .get(0)
                            .path("value")
                            .asDouble())
                    .as("the stall in the metrics")
                    .isGreaterThanOrEqualTo(1);
            Answer health = http().get("/actuator/health", "admin");
            assertThat(health.json()
                            .path("components")
                            .path("ticketStream")
                            .path("status")
                            .asText())
                    .as("and in health")
                    .isEqualTo("STALLED");
        });
        assertThat(projection.path("service").asText()).isEqualTo("ticket-query");

        publish(stalled, 2, events.get(1));

        assertThat(detail(stalled, 3).path("version").asLong()).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(parked(stalled)).isEmpty());
    }

    @Test
    void anEventThatCannotBeAppliedIsParkedTheRestFlowsAndAnAdminAppliesItAgainOnceTheCauseIsGone() {
        String poisoned = newTicketId();
        String other = newTicketId();
        String function = "refuse_" + poisoned.replace("-", "_").toLowerCase();
        jdbc.execute("CREATE FUNCTION ticket_query." + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.id = '" + poisoned + "' THEN RAISE EXCEPTION 'row refused by test trigger'; END IF; "
                + "RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + function + " BEFORE INSERT ON ticket_query.ticket FOR EACH ROW EXECUTE "
                + "FUNCTION ticket_query." + function + "()");
        try {
            List<Object> events = opening(poisoned);
            for (int i = 0; i < events.size(); i++) {
                publish(poisoned, i + 1, events.get(i));
            }
            List<Object> others = opening(other);
            for (int i = 0; i < others.size(); i++) {
                publish(other, i + 1, others.get(i));
            }

            assertThat(detail(other, 3).path("version").asLong())
                    .as("the rest flows")
                    .isEqualTo(3);
            JsonNode failed = await().atMost(WAIT)
                    .until(
                            () -> parked(poisoned).orElse(null),
                            entry -> entry != null && parkedEntries(poisoned).size() == 3);
            assertThat(failed.path("version").asLong()).isEqualTo(1);
            assertThat(failed.path("reason").asText()).isEqualTo("FAILED");
            assertThat(failed.path("error").asText()).contains("row refused by test trigger");
            assertThat(failed.path("ticketId").asText()).isEqualTo(poisoned);
            assertThat(parkedEntries(poisoned))
                    .extracting(entry -> entry.path("reason").asText())
                    .containsExactly("FAILED", "WAITING", "WAITING");
            String retry = "/api/admin/projections/ticket-projection/parked/"
                    + failed.path("eventId").asText() + "/retry";

            assertThat(http().post(retry, "ana").status())
                    .as("analysts watch, admins retry")
                    .isEqualTo(403);
            Answer stillFailing = http().post(retry, "admin");
            assertThat(stillFailing.status()).isEqualTo(409);
            assertThat(stillFailing.json().path("outcome").asText()).isEqualTo("STILL_FAILING");
            assertThat(parked(poisoned).orElseThrow().path("attempts").asInt()).isEqualTo(2);

            jdbc.execute("DROP TRIGGER " + function + " ON ticket_query.ticket");

            Answer applied = http().post(retry, "admin");
            assertThat(applied.status()).isEqualTo(200);
            assertThat(applied.json().path("outcome").asText()).isEqualTo("APPLIED");
            assertThat(detail(poisoned, 3).path("version").asLong())
                    .as("the waiting events follow")
                    .isEqualTo(3);
            assertThat(parked(poisoned)).isEmpty();
            assertThat(http().post(retry, "admin").status())
                    .as("nothing left to retry")
                    .isEqualTo(404);
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS " + function + " ON ticket_query.ticket");
            jdbc.execute("DROP FUNCTION IF EXISTS ticket_query." + function + "()");
        }
    }

    @Test
    void textPostgresqlCannotHoldIsKeptEscapedNotRefused() {
        String id = newTicketId();
        List<Object> events = TicketEvents.opening(
                id,
                "Printer \u0000 jam",
                Channel.PHONE,
                Priority.HIGH,
                now(),
                Duration.ofHours(1),
                List.of("tag\u0000"));
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i));
        }
        publish(id, 4, new InternalNoteAddedEvent(id, "nul \u0000 inside"));
        publish(id, 5, new PublicReplyPostedEvent(id, "fine"));

        JsonNode ticket = detail(id, 5);
        assertThat(ticket.path("subject").asText()).isEqualTo("Printer \\u0000 jam");
        assertThat(ticket.path("tags").get(0).asText()).isEqualTo("tag\\u0000");
        assertThat(ticket.path("conversation").findValuesAsText("body")).containsExactly("nul \\u0000 inside", "fine");
        assertThat(parked(id)).isEmpty();
    }

    @Test
    void aRecordThatIsNoEventOfThisPlatformIsParkedAndBlocksNothing() {
        String key = "junk-" + newTicketId();
        TestKafka.send(new ProducerRecord<>(TOPIC, key, "not an event".getBytes()));
        String id = newTicketId();
        List<Object> events = opening(id);
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i));
        }

        assertThat(detail(id, 3).path("version").asLong()).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode junk = parked(key).orElseThrow();
            assertThat(junk.path("reason").asText()).isEqualTo("FAILED");
            assertThat(junk.path("version").asLong()).isZero();
            assertThat(junk.path("eventId").asText()).startsWith("record:");
        });
    }

    private static List<Object> opening(String id) {
        return TicketEvents.opening(
                id, "Consumer " + id, Channel.EMAIL, Priority.NORMAL, now(), Duration.ofHours(4), List.of());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void publish(String id, int version, Object event) {
        publish(id, version, event, "alice", now());
    }

    private JsonNode detail(String id, long version) {
        Answer answer = await().atMost(WAIT)
                .until(
                        () -> http().get("/api/tickets/" + id + "?minVersion=" + version, "ana"),
                        a -> a.status() == 200);
        return answer.json();
    }

    private JsonNode projection() {
        Answer answer = http().get("/api/admin/projections", "ana");
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode item : answer.json().path("items")) {
            if (item.path("name").asText().equals("ticket-projection")) {
                return item;
            }
        }
        throw new AssertionError("no ticket-projection in " + answer.body());
    }

    private List<JsonNode> parkedEntries(String aggregateId) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        projection().path("parked").forEach(entry -> {
            if (entry.path("aggregateId").asText().equals(aggregateId)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private Optional<JsonNode> parked(String aggregateId) {
        return parkedEntries(aggregateId).stream().findFirst();
    }
}
