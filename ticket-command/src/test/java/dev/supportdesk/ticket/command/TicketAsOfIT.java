package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/tickets/{id}/as-of}: while a history with every kind of ticket event is written, the ticket's
 * state after each step is recorded with the instant of the step's last event; afterwards the as-of view at each
 * recorded instant, and at instants between steps, is exactly that state.
 */
class TicketAsOfIT extends CommandApiTestSupport {

    @Autowired
    AdjustableClock clock;

    /** The state after a step and the instant of its last event. */
    record Recorded(String step, Instant at, JsonNode state) {}

    private final List<Recorded> recorded = new ArrayList<>();

    @Test
    void theTicketAsOfAnyInstantIsTheStateRecordedWhenThatInstantWasNow() {
        String id = openTicket();
        record(id, "opened", t -> {
            assertThat(t.get("status").asText()).isEqualTo("NEW");
            assertThat(t.get("sla").get("state").asText()).isEqualTo("ON_TRACK");
            assertThat(t.get("sla")
                            .get("clocks")
                            .get("FIRST_RESPONSE")
                            .get("state")
                            .asText())
                    .isEqualTo("RUNNING");
        });
        JsonNode firstResponse = history(id).get(1).get("payload");

        clock.passBeyond(Instant.parse(firstResponse.get("warnAt").asText()));
        assertThat(report(id, "warnings", "warnAt", firstResponse.get("warnAt").asText()))
                .isEqualTo(200);
        record(
                id,
                "at risk",
                t -> assertThat(t.get("sla").get("state").asText()).isEqualTo("AT_RISK"));

        clock.passBeyond(Instant.parse(firstResponse.get("dueAt").asText()));
        assertThat(report(id, "breaches", "dueAt", firstResponse.get("dueAt").asText()))
                .isEqualTo(200);
        record(id, "breached", t -> {
            assertThat(t.get("sla").get("state").asText()).isEqualTo("BREACHED");
            assertThat(t.get("sla").get("escalationLevel").asInt()).isEqualTo(1);
        });

        command(id, "assign", "{\"assignee\":\"bob\"}", "alice");
        record(id, "assigned", t -> {
            assertThat(t.get("status").asText()).isEqualTo("OPEN");
            assertThat(t.get("assignee").asText()).isEqualTo("bob");
        });
        command(id, "replies", "{\"body\":\"Check the toner\",\"visibility\":\"INTERNAL\"}", "bob");
        record(id, "noted", t -> assertThat(t.get("conversation")).hasSize(1));
        command(id, "replies", "{\"body\":\"On my way\",\"visibility\":\"PUBLIC\"}", "bob");
        record(id, "replied", t -> {
            assertThat(t.get("conversation").get(1).get("kind").asText()).isEqualTo("PUBLIC_REPLY");
            assertThat(t.get("conversation").get(1).get("author").asText()).isEqualTo("bob");
            assertThat(t.get("sla")
                            .get("clocks")
                            .get("FIRST_RESPONSE")
                            .get("state")
                            .asText())
                    .isEqualTo("MET");
        });
        command(id, "customer-messages", "{\"body\":\"Still smoking\"}", "bob");
        record(id, "customer wrote", t -> {
            assertThat(t.get("conversation").get(2).get("author").asText()).isEqualTo("Carla");
            assertThat(t.get("conversation")).hasSize(3);
            // each item carries the version of the event that added it, as the history numbers them
            List<Long> added = new ArrayList<>();
            for (JsonNode event : history(id)) {
                if (event.get("type")
                        .asText()
                        .matches("InternalNoteAddedEvent|PublicReplyPostedEvent|CustomerMessageReceivedEvent")) {
                    added.add(event.get("version").asLong());
                }
            }
            List<Long> versions = new ArrayList<>();
            t.get("conversation")
                    .forEach(item -> versions.add(item.get("version").asLong()));
            assertThat(versions).hasSize(3).isEqualTo(added);
        });
        command(id, "priority", "{\"priority\":\"URGENT\",\"reason\":\"fire\"}", "bob");
        record(id, "urgent", t -> assertThat(t.get("priority").asText()).isEqualTo("URGENT"));
        command(id, "tags", "{\"add\":[\"fire\",\"printer\"]}", "bob");
        command(id, "tags", "{\"remove\":[\"printer\"]}", "bob");
        record(
                id,
                "tagged",
                t -> assertThat(t.get("tags").toString()).contains("fire").doesNotContain("printer"));
        command(id, "pending", "{\"reason\":\"waiting\"}", "bob");
        record(id, "pending", t -> {
            assertThat(t.get("status").asText()).isEqualTo("PENDING");
            assertThat(t.get("sla").get("resolutionDueAt").isNull()).isTrue();
        });
        command(id, "resume", "{}", "bob");
        record(id, "resumed", t -> assertThat(t.get("status").asText()).isEqualTo("OPEN"));
        command(id, "escalate", "{\"reason\":\"VIP\"}", "sam");
        record(
                id,
                "escalated",
                t -> assertThat(t.get("sla").get("escalationLevel").asInt()).isEqualTo(2));
        command(id, "resolve", "{\"resolution\":\"Replaced the fuser\"}", "bob");
        record(id, "resolved", t -> {
            assertThat(t.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(t.get("resolution").asText()).isEqualTo("Replaced the fuser");
        });
        command(id, "reopen", "{\"reason\":\"It smokes again\"}", "bob");
        record(id, "reopened", t -> assertThat(t.get("resolution").isNull()).isTrue());
        String other = openTicket();
        command(other, "merge", "{\"into\":\"" + id + "\"}", "alice");
        record(
                id,
                "merge note",
                t -> assertThat(t.get("conversation").get(3).get("kind").asText())
                        .isEqualTo("INTERNAL_NOTE"));
        command(id, "resolve", "{\"resolution\":\"Replaced the printer\"}", "bob");
        command(id, "close", "{}", "bob");
        record(id, "closed", t -> assertThat(t.get("status").asText()).isEqualTo("CLOSED"));

        for (int i = 0; i < recorded.size(); i++) {
            Recorded step = recorded.get(i);
            assertThat(asOf(id, step.at(), "ana").json())
                    .as("exactly at %s", step.step())
                    .isEqualTo(step.state());
            if (i + 1 < recorded.size()) {
                Instant next = recorded.get(i + 1).at();
                Instant between =
                        step.at().plus(Duration.between(step.at(), next).dividedBy(2));
                if (between.isAfter(step.at()) && between.isBefore(firstEventAfter(id, step.at()))) {
                    assertThat(withoutAsOf(asOf(id, between, "ana").json()))
                            .as("between %s and the next step", step.step())
                            .isEqualTo(withoutAsOf(step.state()));
                }
            }
        }
        Recorded last = recorded.get(recorded.size() - 1);
        assertThat(withoutAsOf(
                        asOf(id, last.at().plus(Duration.ofDays(365)), "audrey").json()))
                .isEqualTo(withoutAsOf(last.state()));
        assertThat(last.state().get("asOfVersion").asLong())
                .isEqualTo(call("GET", "/api/tickets/" + id + "/history")
                        .as("ana")
                        .send()
                        .version());
        // the merged ticket: closed, into the first, as of its merge
        JsonNode merged = asOf(other, last.at(), "ana").json();
        assertThat(merged.get("status").asText()).isEqualTo("CLOSED");
        assertThat(merged.get("mergedInto").asText()).isEqualTo(id);
        assertThat(merged.get("sla")
                        .get("clocks")
                        .get("RESOLUTION")
                        .get("state")
                        .asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void beforeItWasOpenedTheTicketIsNotFoundAndTheProblemSaysWhenItWas() {
        String id = openTicket();
        Instant opened = Instant.parse(history(id).get(0).get("occurredAt").asText());
        Answer before = asOf(id, opened.minusMillis(1), "ana");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Instant.parse(before.json().get("openedAt").asText())).isEqualTo(opened);
        assertThat(asOf(id, opened, "ana").json().get("asOfVersion").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownTicketIsNotFound() {
        Answer answer = asOf("T-does-not-exist", Instant.parse("2026-03-02T09:15:00Z"), "ana");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aStreamThatIsNoTicketIsNotFound() {
        String id = "not-a-ticket-" + java.util.UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO ticket_command.domain_event_entry (event_identifier, aggregate_identifier,
                    sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'SlaPolicy', ?, 'dev.supportdesk.test.PolicyDefined', '1', '{}', '{}')""",
                java.util.UUID.randomUUID().toString(),
                id,
                Instant.now().minusSeconds(60).toString());
        Answer answer = asOf(id, Instant.now(), "ana");
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aStreamWithAnEventInAnOlderRevisionIsReadThroughTheUpcasterChainFromItsFirstEvent() {
        String id = openTicket();
        command(id, "replies", "{\"body\":\"Check the toner\",\"visibility\":\"INTERNAL\"}", "alice");
        JsonNode events = history(id);
        Instant last =
                Instant.parse(events.get(events.size() - 1).get("occurredAt").asText());
        JsonNode before = asOf(id, last, "ana").json();
        // A note stored by an older revision of its class: the rows before it are read straight, the whole stream
        // then again through Axon's serializer, and the answer is the fold of every event.
        Instant noted = last.plusMillis(5);
        jdbc.update(
                """
                INSERT INTO ticket_command.domain_event_entry (event_identifier, aggregate_identifier,
                    sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Ticket', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '0', ?, ?)""",
                java.util.UUID.randomUUID().toString(),
                id,
                events.size(),
                noted.toString(),
                ("{\"ticketId\":\"" + id + "\",\"body\":\"Stored long ago\"}").getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"bob\"}".getBytes(StandardCharsets.UTF_8));

        JsonNode after = asOf(id, noted, "ana").json();
        assertThat(after.get("asOfVersion").asLong()).isEqualTo(events.size() + 1);
        JsonNode conversation = after.get("conversation");
        assertThat(conversation).hasSize(before.get("conversation").size() + 1);
        JsonNode note = conversation.get(conversation.size() - 1);
        assertThat(note.get("body").asText()).isEqualTo("Stored long ago");
        assertThat(note.get("author").asText()).isEqualTo("bob");
        assertThat(note.get("version").asLong()).isEqualTo(events.size() + 1);
        assertThat(conversation.get(conversation.size() - 2))
                .isEqualTo(before.get("conversation")
                        .get(before.get("conversation").size() - 1));
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("sla")).isEqualTo(before.get("sla"));
        // as of an instant before the note, the same stream is read straight again: the answer is as before
        assertThat(withoutAsOf(asOf(id, last, "ana").json())).isEqualTo(withoutAsOf(before));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "at=",
                "at=2026-03-02T09:15:00",
                "at=2026-03-02T09:15Z",
                "at=2026-03-02T09:15:00%2B01:00",
                "at=2026-03-02T10:15:00%2B00:00",
                "at=2026-13-02T09:15:00Z",
                "at=2026-02-30T09:15:00Z",
                "at=2026-03-02t09:15:00z",
                "at=%202026-03-02T09:15:00Z",
                "at=2026-03-02T09:15:00Zjunk",
                "at=1772442900",
                "at=2026-03-02T09:15:00Z&at=2026-03-02T09:16:00Z"
            })
    void refusesAnythingButOneIsoInstantInUtc(String query) {
        String id = openTicket();
        long rows = eventRows();
        Answer answer =
                call("GET", "/api/tickets/" + id + "/as-of?" + query).as("ana").send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventRows()).isEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "sam", "ana", "audrey", "admin"})
    void everyReaderOfTicketsMayAsk(String user) {
        String id = openTicket();
        assertThat(asOf(id, Instant.now().plusSeconds(3600), user).status()).isEqualTo(200);
    }

    @Test
    void thePlatformsServiceAccountAndAnonymousCallersMayNot() {
        String id = openTicket();
        Answer system = asOf(id, Instant.now(), "sla-monitor");
        assertThat(system.status()).isEqualTo(403);
        assertThat(system.header("Content-Type")).startsWith("application/problem+json");
        assertThat(call("GET", "/api/tickets/" + id + "/as-of?at=2026-03-02T09:15:00Z")
                        .send()
                        .status())
                .isEqualTo(401);
    }

    private void record(String id, String step, Consumer<JsonNode> expect) {
        JsonNode events = history(id);
        Instant at =
                Instant.parse(events.get(events.size() - 1).get("occurredAt").asText());
        Answer answer = asOf(id, at, "ana");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode state = answer.json();
        assertThat(state.get("asOfVersion").asLong()).as(step).isEqualTo(events.size());
        assertThat(state.get("version").asLong()).isEqualTo(events.size());
        assertThat(Instant.parse(state.get("asOf").asText())).isEqualTo(at);
        expect.accept(state);
        recorded.add(new Recorded(step, at, state));
    }

    private Instant firstEventAfter(String id, Instant at) {
        for (JsonNode event : history(id)) {
            Instant occurred = Instant.parse(event.get("occurredAt").asText());
            if (occurred.isAfter(at)) {
                return occurred;
            }
        }
        return Instant.MAX;
    }

    private JsonNode history(String id) {
        return call("GET", "/api/tickets/" + id + "/history")
                .as("ana")
                .send()
                .json()
                .get("events");
    }

    private Answer asOf(String id, Instant at, String user) {
        return call(
                        "GET",
                        "/api/tickets/" + id + "/as-of?at=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8))
                .as(user)
                .send();
    }

    private void command(String id, String action, String body, String user) {
        Answer answer = post("/api/tickets/" + id + "/" + action, body).as(user).send();
        assertThat(answer.status()).as(action + ": " + answer.body()).isEqualTo(200);
    }

    private int report(String id, String kind, String field, String instant) {
        return post(
                        "/api/tickets/" + id + "/sla/" + kind,
                        "{\"metric\":\"FIRST_RESPONSE\",\"" + field + "\":\"" + instant + "\"}")
                .as("sla-monitor")
                .send()
                .status();
    }

    private static JsonNode withoutAsOf(JsonNode state) {
        ObjectNode copy = state.deepCopy();
        copy.remove("asOf");
        return copy;
    }
}
