package dev.supportdesk.ticket.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.model.view.TicketViewEvents;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import dev.supportdesk.ticket.query.HttpCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rebuild proof: a generated history of several hundred tickets with every kind of event is applied live,
 * then every read model is rebuilt from the first event into a fresh copy and switched over; the rebuilt tables
 * equal what the live ones held, row by row (a checksum over a canonical dump of every table). Reads go on
 * answering during the rebuild, and the live consumers carry on after the switch. Its own database and topic, so
 * that the tables hold this history alone.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildIT {

    private static final String TOPIC = TestKafka.newTopic(6);
    private static final String DATABASE = TestPostgres.newDatabase();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> TABLES = Map.of(
            "ticket-projection", List.of("ticket", "ticket_conversation"),
            "ticket-reports", List.of("report_ticket", "report_open_span", "report_sla_step"));

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("support.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("support.kafka.topic", () -> TOPIC);
        registry.add("support.kafka.partitions", () -> 6);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private GeneratedHistory history;
    private long records;

    @BeforeAll
    void liveProjectionsApplyTheHistory() {
        history = new GeneratedHistory(TOPIC, "H-", 300, 20251201L);
        TestKafka.sendAll(history.records);
        records = history.records.size();
        awaitApplied("ticket-projection", records);
        awaitApplied("ticket-reports", records);
    }

    @Test
    @Order(1)
    void theHistoryHoldsEveryKindOfEvent() {
        assertThat(history.tickets).hasSize(300);
        assertThat(history.eventTypes)
                .contains(
                        "TicketOpenedEvent",
                        "TicketAssignedEvent",
                        "PublicReplyPostedEvent",
                        "InternalNoteAddedEvent",
                        "CustomerMessageReceivedEvent",
                        "TicketPriorityChangedEvent",
                        "TicketMarkedPendingEvent",
                        "TicketResumedEvent",
                        "TicketResolvedEvent",
                        "TicketReopenedEvent",
                        "TicketClosedEvent",
                        "TicketMergedEvent",
                        "TicketTagsChangedEvent",
                        "TicketEscalatedEvent",
                        "SlaClockStartedEvent",
                        "SlaClockPausedEvent",
                        "SlaClockResumedEvent",
                        "SlaClockRetargetedEvent",
                        "SlaClockAtRiskEvent",
                        "SlaClockBreachedEvent",
                        "SlaClockMetEvent",
                        "SlaClockCancelledEvent",
                        "SupervisorNotificationRequestedEvent",
                        "SupervisorNotificationDeliveredEvent",
                        "SupervisorNotificationFailedEvent");
        for (GeneratedHistory.Ticket ticket : history.tickets) {
            assertThat(jdbc.queryForObject("SELECT version FROM ticket WHERE id = ?", Long.class, ticket.id()))
                    .isEqualTo(ticket.version());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE subject LIKE '%\\\\u0000%'", Long.class))
                .as("NUL-containing subjects")
                .isPositive();
    }

    /**
     * The read model's detail of every ticket is, field by field, the view its events fold to through the shared
     * mapping (the one ticket-command's as-of replays), except that stored text keeps a NUL as {@code \\u0000}.
     */
    @Test
    @Order(1)
    void theDetailOfEveryTicketIsTheViewItsEventsFoldTo() throws Exception {
        Map<String, TicketView> folded = new LinkedHashMap<>();
        for (GeneratedHistory.Fact fact : history.facts) {
            folded.put(
                    fact.ticketId(),
                    TicketViewEvents.apply(
                            Optional.ofNullable(folded.get(fact.ticketId())),
                            fact.event(),
                            fact.version(),
                            fact.at(),
                            fact.actor()));
        }
        assertThat(folded).hasSize(history.tickets.size());
        for (TicketView view : folded.values()) {
            Answer detail = get("/api/tickets/" + view.id(), "ana");
            assertThat(detail.status()).isEqualTo(200);
            // through text, so that numbers compare as numbers whatever node type built them
            assertThat(detail.json())
                    .as(view.id())
                    .isEqualTo(JSON.readTree(expectedDetail(view).toString()));
        }
    }

    private static JsonNode expectedDetail(TicketView view) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("id", view.id());
        detail.put("subject", stored(view.subject()));
        detail.put("description", stored(view.description()));
        detail.put("status", view.status().name());
        detail.put("priority", view.priority().name());
        detail.put("channel", view.channel().name());
        detail.put("assignee", view.assignee());
        detail.put("group", view.group());
        ObjectNode requester = detail.putObject("requester");
        requester.put("name", view.requester().name());
        requester.put("email", view.requester().email());
        requester.put("phone", view.requester().phone());
        detail.put("customerTier", view.customerTier().name());
        view.tags().forEach(detail.putArray("tags")::add);
        detail.put("createdAt", view.createdAt().toString());
        detail.put("updatedAt", view.updatedAt().toString());
        detail.put("version", view.version());
        detail.put("resolution", stored(view.resolution()));
        detail.put("mergedInto", view.mergedInto());
        ObjectNode sla = detail.putObject("sla");
        sla.put("policy", view.slaPolicy());
        sla.put("firstResponseDueAt", text(view.dueAt(SlaMetric.FIRST_RESPONSE)));
        sla.put("nextResponseDueAt", text(view.dueAt(SlaMetric.NEXT_RESPONSE)));
        sla.put("resolutionDueAt", text(view.dueAt(SlaMetric.RESOLUTION)));
        sla.put("state", view.slaState().name());
        sla.put("escalationLevel", view.escalationLevel());
        ArrayNode conversation = detail.putArray("conversation");
        for (ConversationEntry entry : view.addedEntries()) {
            ObjectNode item = conversation.addObject();
            item.put("kind", entry.kind().name());
            item.put("author", entry.author());
            item.put("at", entry.at().toString());
            item.put("body", stored(entry.body()));
            item.put("version", entry.version());
        }
        return detail;
    }

    private static String stored(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Test
    @Order(2)
    void everyReadModelRebuiltFromTheFirstEventEqualsTheLiveOne() throws Exception {
        for (String model : List.of("ticket-projection", "ticket-reports")) {
            Map<String, String> before = dumps(model);
            List<String> sampleIds = history.tickets.stream()
                    .map(GeneratedHistory.Ticket::id)
                    .limit(5)
                    .toList();
            Map<String, JsonNode> details = new LinkedHashMap<>();
            for (String id : sampleIds) {
                details.put(id, get("/api/tickets/" + id, "ana").json());
            }
            // Damage the live copy: only a rebuild from the events can give the recorded dump back.
            damage(model);
            assertThat(dumps(model)).isNotEqualTo(before);

            Answer started = post("/api/admin/projections/" + model + "/replay", "ana");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.header("Location")).isEqualTo("/api/admin/projections");
            String id = started.json().path("id").asText();

            Answer second = post("/api/admin/projections/ticket-reports/replay", "admin");
            assertThat(second.status()).as("one replay at a time").isEqualTo(409);
            assertThat(second.header("Content-Type")).startsWith("application/problem+json");

            List<Integer> readsDuring = new ArrayList<>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        readsDuring.add(
                                get("/api/tickets/" + sampleIds.get(0), "ana").status());
                        readsDuring.add(get("/api/tickets?size=5", "alice").status());
                        readsDuring.add(get("/api/reports/sla?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "ana")
                                .status());
                        JsonNode replay = replay(model);
                        assertThat(replay.path("state").asText())
                                .as(replay.toString())
                                .isNotIn("FAILED", "INTERRUPTED");
                        return replay.path("id").asText().equals(id)
                                && replay.path("state").asText().equals("DONE");
                    });
            assertThat(readsDuring)
                    .as("live reads during the rebuild")
                    .isNotEmpty()
                    .containsOnly(200);

            assertThat(dumps(model)).as(model + " rebuilt").isEqualTo(before);
            for (String ticket : sampleIds) {
                assertThat(get("/api/tickets/" + ticket, "ana").json())
                        .as("the detail after the switch")
                        .isEqualTo(details.get(ticket));
            }
            JsonNode done = replay(model);
            assertThat(done.path("eventsDone").asLong()).isGreaterThanOrEqualTo(records);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'ticket_query_%'",
                            Long.class))
                    .as("the copy's schema and the old tables are dropped")
                    .isZero();
        }
    }

    @Test
    @Order(3)
    void liveConsumersCarryOnAfterTheSwitch() {
        GeneratedHistory.Ticket ticket = history.tickets.get(7);
        TestKafka.send(
                TicketRecords.event(ticket.id(), ticket.version() + 1, new InternalNoteAddedEvent(ticket.id(), "after"))
                        .at(Instant.parse("2025-12-01T00:00:00Z"))
                        .record(TOPIC));
        awaitApplied("ticket-projection", records + 1);
        awaitApplied("ticket-reports", records + 1);
        assertThat(jdbc.queryForObject("SELECT version FROM ticket WHERE id = ?", Long.class, ticket.id()))
                .isEqualTo(ticket.version() + 1);
        records++;
    }

    @Test
    @Order(4)
    void aReplayCutShortByACrashLeavesTheLiveModelAndCanBeStartedAgain() {
        Map<String, String> before = dumps("ticket-reports");
        // What a crash mid-replay leaves: a RUNNING row whose heartbeat stopped, and a half-built copy.
        jdbc.update("INSERT INTO projection_replay (id, projection, state, requested_by, started_at, heartbeat_at)"
                + " VALUES ('crashed', 'ticket-reports', 'RUNNING', 'admin', now() - interval '1 hour',"
                + " now() - interval '1 hour')");
        jdbc.execute("CREATE SCHEMA ticket_query_replay");
        jdbc.execute("CREATE TABLE ticket_query_replay.report_ticket (half_built INTEGER)");

        Answer started = post("/api/admin/projections/ticket-reports/replay", "admin");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        await().atMost(Duration.ofMinutes(3))
                .until(() -> replay("ticket-reports").path("id").asText().equals(id)
                        && replay("ticket-reports").path("state").asText().equals("DONE"));

        assertThat(jdbc.queryForObject("SELECT state FROM projection_replay WHERE id = 'crashed'", String.class))
                .isEqualTo("INTERRUPTED");
        assertThat(dumps("ticket-reports")).isEqualTo(before);
        JsonNode entry = projection("ticket-reports");
        assertThat(entry.path("replays"))
                .extracting(r -> r.path("state").asText())
                .contains("DONE", "INTERRUPTED");
    }

    @Test
    @Order(5)
    void unknownReadModelsAndOtherRolesAreRefused() {
        assertThat(post("/api/admin/projections/ticket-sla/replay", "admin").status())
                .isEqualTo(404);
        assertThat(post("/api/admin/projections/ticket-projection/replay", "alice")
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/admin/projections/ticket-projection/replay", "audrey")
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/admin/projections/ticket-projection/replay", null).status())
                .isEqualTo(401);
    }

    /**
     * A rebuild applies whole batches at once only when every event in them is the next of its stream: a gap and
     * an event that fails are handled by the same event-by-event rules as live, so the copy parks what the live
     * model parked and applies everything else.
     */
    @Test
    @Order(6)
    void aRebuildParksWhatTheLiveModelParkedAndAppliesTheRest() {
        Instant at = Instant.parse("2025-12-02T00:00:00Z");
        TestKafka.sendAll(List.of(
                TicketRecords.event("H-gap", 1, opened("H-gap")).at(at).record(TOPIC),
                TicketRecords.event("H-gap", 3, new InternalNoteAddedEvent("H-gap", "ahead of its turn"))
                        .at(at.plusSeconds(2))
                        .record(TOPIC),
                TicketRecords.event("H-poison", 1, new TicketAssignedEvent("H-poison", "alice", null))
                        .at(at)
                        .record(TOPIC),
                TicketRecords.event("H-after", 1, opened("H-after")).at(at).record(TOPIC),
                TicketRecords.event("H-after", 2, new InternalNoteAddedEvent("H-after", "flows"))
                        .at(at.plusSeconds(1))
                        .record(TOPIC)));
        records += 5;
        awaitApplied("ticket-projection", records);
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(
                        () -> assertThat(parked("ticket-projection")).contains("H-gap 3 WAITING", "H-poison 1 FAILED"));
        Map<String, String> before = dumps("ticket-projection");
        List<String> parkedBefore = parked("ticket-projection");

        Answer started = post("/api/admin/projections/ticket-projection/replay", "admin");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        await().atMost(Duration.ofMinutes(3))
                .until(() -> replay("ticket-projection").path("id").asText().equals(id)
                        && replay("ticket-projection").path("state").asText().equals("DONE"));

        assertThat(dumps("ticket-projection")).isEqualTo(before);
        assertThat(parked("ticket-projection")).isEqualTo(parkedBefore);
        assertThat(jdbc.queryForObject("SELECT version FROM ticket WHERE id = 'H-gap'", Long.class))
                .as("never papered over")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT version FROM ticket WHERE id = 'H-after'", Long.class))
                .isEqualTo(2);
    }

    private List<String> parked(String model) {
        List<String> parked = new ArrayList<>();
        for (JsonNode event : projection(model).path("parked")) {
            parked.add(event.path("ticketId").asText() + " "
                    + event.path("version").asLong() + " "
                    + event.path("reason").asText());
        }
        return parked;
    }

    private static TicketOpenedEvent opened(String id) {
        return new TicketOpenedEvent(
                id,
                "Subject of " + id,
                null,
                Channel.EMAIL,
                Priority.NORMAL,
                new Requester("Rita", null, null),
                CustomerTier.STANDARD,
                List.of());
    }

    // ---- the canonical dump

    /** Per table: row count and an MD5 over every row as text, sorted, so equal tables give equal dumps. */
    private Map<String, String> dumps(String model) {
        Map<String, String> dumps = new LinkedHashMap<>();
        for (String table : TABLES.get(model)) {
            dumps.put(
                    table,
                    jdbc.queryForObject(
                            "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '')"
                                    + " FROM ticket_query." + table + " t",
                            String.class));
        }
        dumps.put(
                "consumer_stream",
                jdbc.queryForObject(
                        "SELECT count(*) || ' ' || coalesce(md5(string_agg(aggregate_id || ':' || version, ','"
                                + " ORDER BY aggregate_id)), '') FROM ticket_query.consumer_stream WHERE consumer = ?",
                        String.class,
                        model));
        return dumps;
    }

    private void damage(String model) {
        if (model.equals("ticket-projection")) {
            jdbc.update(
                    "UPDATE ticket SET subject = 'damaged' WHERE id = ?",
                    history.tickets.get(1).id());
            jdbc.update(
                    "DELETE FROM ticket_conversation WHERE ticket_id = ?",
                    history.tickets.get(2).id());
        } else {
            jdbc.update("UPDATE report_ticket SET priority = 'LOW', first_response_outcome = NULL");
            jdbc.update(
                    "DELETE FROM report_open_span WHERE ticket_id = ?",
                    history.tickets.get(3).id());
            jdbc.update(
                    "DELETE FROM report_sla_step WHERE ticket_id = ?",
                    history.tickets.get(4).id());
        }
    }

    // ---- progress and HTTP

    private void awaitApplied(String consumer, long count) {
        await().atMost(Duration.ofMinutes(3))
                .until(() -> jdbc.queryForObject(
                                "SELECT coalesce(sum(next_offset), 0) FROM ticket_query.consumer_offset WHERE consumer = ?",
                                Long.class,
                                consumer)
                        == count);
    }

    private JsonNode projection(String name) {
        Answer answer = get("/api/admin/projections", "ana");
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode item : answer.json().path("items")) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name + " in " + answer.body());
    }

    private JsonNode replay(String name) {
        return projection(name).path("replay");
    }

    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + response.body(), e);
            }
        }
    }

    private Answer get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    private Answer post(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), user);
    }

    private Answer send(HttpRequest.Builder request, String user) {
        request.timeout(Duration.ofSeconds(20));
        if (user != null) {
            request.header("Authorization", HttpCalls.basic(user, user));
        }
        try {
            HttpResponse<String> response =
                    HttpCalls.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
