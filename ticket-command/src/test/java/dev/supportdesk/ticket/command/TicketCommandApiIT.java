package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A ticket's whole lifecycle through HTTP, its stored history, and its events on the Kafka topic. */
class TicketCommandApiIT extends CommandApiTestSupport {

    @Autowired
    AdjustableClock clock;

    @Test
    void aTicketTravelsItsLifecycleAndEveryEventReachesKafkaInOrderWithItsActor() {
        String correlation = "it-" + UUID.randomUUID();
        Answer opened = post("/api/tickets", """
                {"subject":"Printer on fire","description":"It smokes","channel":"PHONE","priority":"HIGH",
                 "requester":{"name":"Carla","phone":"+41 44 000"},"tags":["printer"],
                 "actor":"mallory","actorRole":"ADMIN"}""")
                .as("alice")
                .header("X-Correlation-Id", correlation)
                .send();
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.json().get("id").asText();
        assertThat(id).matches("T-\\d+");
        assertThat(opened.header("Location")).endsWith("/api/tickets/" + id);
        assertThat(opened.version()).isEqualTo(3); // opened + first response + resolution clocks
        assertThat(opened.header("ETag")).isEqualTo("\"3\"");

        long v = step(id, "assign", "{\"assignee\":\"bob\",\"group\":\"tier1\"}", "alice", 4);
        v = step(id, "replies", "{\"body\":\"checking\",\"visibility\":\"INTERNAL\"}", "bob", v + 1);
        v = step(id, "replies", "{\"body\":\"on my way\",\"visibility\":\"PUBLIC\"}", "bob", v + 2); // reply + met
        v = step(id, "pending", "{\"reason\":\"need the model\"}", "bob", v + 2); // pending + paused
        v = step(id, "customer-messages", "{\"body\":\"HP 4000\"}", "bob", v + 3); // message, resumed, clock resumed
        v = step(id, "priority", "{\"priority\":\"URGENT\",\"reason\":\"CEO\"}", "sam", v + 2); // changed + retarget
        v = step(id, "tags", "{\"add\":[\"vip\"],\"remove\":[\"printer\"]}", "bob", v + 1);
        v = step(id, "escalate", "{\"reason\":\"VIP\"}", "sam", v + 1);
        v = step(id, "resolve", "{\"resolution\":\"new toner\"}", "bob", v + 2); // resolved + met
        v = step(id, "reopen", "{\"reason\":\"smokes again\"}", "bob", v + 2); // reopened + clock started
        v = step(id, "resolve", "{\"resolution\":\"replaced\"}", "bob", v + 2);
        v = step(id, "close", "{}", "bob", v + 1);

        Answer closedAgain =
                post("/api/tickets/" + id + "/close", "{}").as("bob").send();
        assertThat(closedAgain.status()).isEqualTo(409);
        assertThat(closedAgain.json().get("detail").asText()).contains("CLOSED");

        JsonNode history = call("GET", "/api/tickets/" + id + "/history")
                .as("audrey")
                .send()
                .json();
        assertThat(history.get("version").asLong()).isEqualTo(v);
        JsonNode first = history.get("events").get(0);
        assertThat(first.get("type").asText()).isEqualTo("TicketOpenedEvent");
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("actor").get("name").asText()).isEqualTo("alice"); // never the body's "actor"
        assertThat(first.get("actor").get("role").asText()).isEqualTo("AGENT");
        assertThat(first.get("actor").get("displayName").asText()).isEqualTo("Alice Agent");
        assertThat(first.get("correlationId").asText()).isEqualTo(correlation);
        assertThat(first.get("causationId").asText()).isNotBlank();
        assertThat(first.get("payload").get("subject").asText()).isEqualTo("Printer on fire");
        assertThat(first.get("payload").get("requester").get("phone").asText()).isEqualTo("+41 44 000");
        JsonNode clock = history.get("events").get(1);
        assertThat(clock.get("type").asText()).isEqualTo("SlaClockStartedEvent");
        assertThat(clock.get("payload").get("target").asText()).isEqualTo("PT1H");
        assertThat(Instant.parse(clock.get("payload").get("dueAt").asText()))
                .isAfter(Instant.now().minusSeconds(600));

        List<ConsumerRecord<String, byte[]>> records = eventsOnTopic(id, (int) v);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id);
        // in version order: aggregate sequence numbers 0 .. version-1, each once
        assertThat(records)
                .extracting(record -> java.nio.ByteBuffer.wrap(record.headers()
                                .lastHeader("axon-message-aggregate-seq")
                                .value())
                        .getLong())
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, v).boxed().toList());
        List<String> types = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            assertThat(record.partition()).isEqualTo(records.get(0).partition());
            types.add(header(record, "axon-message-type"));
        }
        assertThat(types.get(0)).endsWith("TicketOpenedEvent");
        assertThat(types.get(types.size() - 1)).endsWith("TicketClosedEvent");
        assertThat(header(records.get(0), "axon-metadata-actor")).isEqualTo("alice");
        assertThat(header(records.get(0), "axon-metadata-actorRole")).isEqualTo("AGENT");
        assertThat(header(records.get(0), "axon-metadata-correlationId")).isEqualTo(correlation);
        // the actor's permissions travel on the commands only, never on the events
        assertThat(records.get(0).headers().lastHeader("axon-metadata-" + MetadataKeys.MAY_REASSIGN))
                .isNull();
        assertThat(header(records.get(0), "axon-message-aggregate-id")).isEqualTo(id);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"subject\":\"Printer on fire\"");
        assertThat(header(records.get(records.size() - 1), "axon-metadata-actor"))
                .isEqualTo("bob");
    }

    private long step(String id, String command, String body, String user, long expectedVersion) {
        Answer answer =
                post("/api/tickets/" + id + "/" + command, body).as(user).send();
        assertThat(answer.status()).as(command + ": " + answer.body()).isEqualTo(200);
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        assertThat(answer.version()).as(command).isEqualTo(expectedVersion);
        assertThat(answer.header("ETag")).isEqualTo("\"" + expectedVersion + "\"");
        return expectedVersion;
    }

    @Test
    void ifMatchIsStaleAfterAPersonsChangeButNotAfterTheSlaMonitors() {
        String id = openTicket(); // version 3
        Answer stale = post("/api/tickets/" + id + "/assign", "{\"assignee\":\"alice\"}")
                .as("alice")
                .header("If-Match", "\"2\"")
                .send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");

        JsonNode dueAt = call("GET", "/api/tickets/" + id + "/history")
                .as("alice")
                .send()
                .json()
                .get("events")
                .get(1)
                .get("payload")
                .get("dueAt");
        clock.passBeyond(Instant.parse(dueAt.asText()));
        Answer breach = post(
                        "/api/tickets/" + id + "/sla/breaches",
                        "{\"metric\":\"FIRST_RESPONSE\",\"dueAt\":\"" + dueAt.asText() + "\"}")
                .as("sla-monitor")
                .send();
        assertThat(breach.status()).isEqualTo(200);
        assertThat(breach.version()).isEqualTo(5); // breached + escalated
        Answer again = post(
                        "/api/tickets/" + id + "/sla/breaches",
                        "{\"metric\":\"FIRST_RESPONSE\",\"dueAt\":\"" + dueAt.asText() + "\"}")
                .as("sla-monitor")
                .send();
        assertThat(again.version()).isEqualTo(5); // idempotent

        Answer assign = post("/api/tickets/" + id + "/assign", "{\"assignee\":\"alice\"}")
                .as("alice")
                .header("If-Match", "\"3\"")
                .send();
        assertThat(assign.status()).as(assign.body()).isEqualTo(200);
        assertThat(assign.version()).isEqualTo(6);
        JsonNode events = call("GET", "/api/tickets/" + id + "/history")
                .as("ana")
                .send()
                .json()
                .get("events");
        assertThat(events.get(3).get("actor").get("role").asText()).isEqualTo("SYSTEM");
        assertThat(events.get(3).get("actor").get("displayName").asText()).isEqualTo("SLA monitor");
        assertThat(events.get(4).get("payload").get("level").asInt()).isEqualTo(1);
    }

    @Test
    void ifMatchThatIsNoVersionIsABadRequest() {
        String id = openTicket();
        long before = eventRows();
        Answer answer = post("/api/tickets/" + id + "/replies", "{\"body\":\"x\",\"visibility\":\"INTERNAL\"}")
                .as("alice")
                .header("If-Match", "yesterday")
                .send();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void mergeClosesTheSourceAndNotesTheTargetInOneTransaction() {
        String source = openTicket();
        String target = openTicket();
        Answer merged = post("/api/tickets/" + source + "/merge", "{\"into\":\"" + target + "\"}")
                .as("alice")
                .send();
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode sourceEvents = call("GET", "/api/tickets/" + source + "/history")
                .as("alice")
                .send()
                .json()
                .get("events");
        assertThat(sourceEvents.get(3).get("type").asText()).isEqualTo("TicketMergedEvent");
        JsonNode targetEvents = call("GET", "/api/tickets/" + target + "/history")
                .as("alice")
                .send()
                .json()
                .get("events");
        assertThat(targetEvents.get(3).get("type").asText()).isEqualTo("InternalNoteAddedEvent");
        assertThat(targetEvents.get(3).get("payload").get("body").asText()).contains(source);

        // a closed target refuses: the source must not be closed either
        String other = openTicket();
        long before = eventRows();
        Answer refused = post("/api/tickets/" + other + "/merge", "{\"into\":\"" + source + "\"}")
                .as("alice")
                .send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("CLOSED");
        Answer missing = post("/api/tickets/" + other + "/merge", "{\"into\":\"T-999999\"}")
                .as("alice")
                .send();
        assertThat(missing.status()).isEqualTo(404);
        Answer itself = post("/api/tickets/" + other + "/merge", "{\"into\":\"" + other + "\"}")
                .as("alice")
                .send();
        assertThat(itself.status()).isEqualTo(409);
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void anAgentMayNotTakeATicketAssignedToSomeoneElseButASupervisorMay() {
        String id = openTicket();
        assertThat(post("/api/tickets/" + id + "/assign", "{\"assignee\":\"alice\"}")
                        .as("alice")
                        .send()
                        .status())
                .isEqualTo(200);
        long before = eventRows();
        Answer taken = post("/api/tickets/" + id + "/assign", "{\"assignee\":\"bob\"}")
                .as("bob")
                .send();
        assertThat(taken.status()).isEqualTo(403);
        assertThat(eventRows()).isEqualTo(before);
        assertThat(post("/api/tickets/" + id + "/assign", "{\"assignee\":\"bob\"}")
                        .as("sam")
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAssigneeMustBeAKnownPersonAndAGroupAKnownGroup() {
        String id = openTicket();
        long before = eventRows();
        for (String body :
                List.of("{\"assignee\":\"nobody\"}", "{\"assignee\":\"sla-monitor\"}", "{\"group\":\"tier9\"}", "{}")) {
            Answer answer =
                    post("/api/tickets/" + id + "/assign", body).as("sam").send();
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().get("errors")).as(body).isNotEmpty();
        }
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void usersListsThePeopleForAnySignedInUser() {
        Answer users = call("GET", "/api/users").as("audrey").send();
        assertThat(users.status()).isEqualTo(200);
        JsonNode alice = null;
        for (JsonNode user : users.json()) {
            assertThat(user.get("name").asText()).isNotEqualTo("sla-monitor");
            if (user.get("name").asText().equals("alice")) {
                alice = user;
            }
        }
        assertThat(alice).isNotNull();
        assertThat(alice.get("displayName").asText()).isEqualTo("Alice Agent");
        assertThat(alice.get("roles").get(0).asText()).isEqualTo("AGENT");
        assertThat(alice.get("groups").get(0).asText()).isEqualTo("tier1");
        assertThat(call("GET", "/api/users").send().status()).isEqualTo(401);
    }

    @Test
    void historyIsForPeopleWhoReadTickets() {
        String id = openTicket();
        for (String reader : List.of("alice", "sam", "ana", "audrey", "admin")) {
            Answer history =
                    call("GET", "/api/tickets/" + id + "/history").as(reader).send();
            assertThat(history.status()).as(reader).isEqualTo(200);
            assertThat(history.header("ETag")).isEqualTo("\"3\"");
        }
        assertThat(call("GET", "/api/tickets/" + id + "/history")
                        .as("sla-monitor")
                        .send()
                        .status())
                .isEqualTo(403);
        Answer unknown = call("GET", "/api/tickets/T-0/history").as("ana").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void healthIsOpen() {
        Answer health = call("GET", "/actuator/health").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOnTopic(String ticketId, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ticketId.equals(record.key())) {
                        records.add(record);
                    }
                }
                return records.size() >= expected;
            });
        }
        return records;
    }
}
