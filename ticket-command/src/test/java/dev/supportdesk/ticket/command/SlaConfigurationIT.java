package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SLA configuration through HTTP (docs/api.md, "SLA configuration"): read by analysts, auditors and admins
 * (the webhook only by admins), changed by admins only, validated field by field,
 * stored as events of their own streams, and in force for the next ticket opened after the answer. The policy
 * matches LOW, PREMIUM, MESSENGER tickets, a combination no other test opens.
 */
class SlaConfigurationIT extends CommandApiTestSupport {

    @Autowired
    AdjustableClock clock;

    private static final String POLICY = """
            {"match":{"priority":"LOW","customerTier":"PREMIUM","channel":"MESSENGER"},
             "targets":{"firstResponse":"PT%dM","resolution":"PT8H"},"warnAtPercent":50,"calendar":"it-office",
             "escalations":[{"at":"BREACH","actions":["RAISE_PRIORITY","REASSIGN_TO_GROUP"],"group":"tier2"}]}""";

    private static final String CALENDAR = """
            {"timeZone":"Europe/Berlin","workingHours":{"MONDAY":["09:00-12:00","13:00-18:00"],
             "TUESDAY":["09:00-18:00"]},"holidays":["2026-12-24"]}""";

    @Test
    void agentsAndSupervisorsMayNotReadTheSlaConfigurationAndOnlyAnAdminMayChangeIt() {
        long before = eventRows();
        for (String user : List.of("alice", "sam")) {
            for (String path : List.of("/api/sla/policies", "/api/sla/calendars")) {
                Answer read = call("GET", path).as(user).send();
                assertThat(read.status()).as("%s %s", user, path).isEqualTo(403);
                assertThat(read.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        for (String user : List.of("alice", "sam", "ana", "audrey")) {
            Answer calendar = call("PUT", "/api/sla/calendars/it-forbidden")
                    .body(CALENDAR)
                    .as(user)
                    .send();
            assertThat(calendar.status()).as(user).isEqualTo(403);
            assertThat(calendar.header("Content-Type")).startsWith("application/problem+json");
            Answer policy = call("PUT", "/api/sla/policies/it-forbidden")
                    .body("{\"targets\":{\"firstResponse\":\"PT1H\",\"resolution\":\"PT8H\"}}")
                    .as(user)
                    .send();
            assertThat(policy.status()).as(user).isEqualTo(403);
            assertThat(policy.header("Content-Type")).startsWith("application/problem+json");
            assertThat(call("POST", "/api/sla/policies/it-forbidden/deactivate")
                            .as(user)
                            .send()
                            .status())
                    .as(user)
                    .isEqualTo(403);
        }
        assertThat(call("GET", "/api/sla/policies").send().status()).isEqualTo(401);
        assertThat(call("GET", "/api/sla/calendars").send().status()).isEqualTo(401);
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void analystsAndAuditorsReadThePoliciesWithoutTheirWebhookAndAnAdminReadsItToo() {
        String webhook = "https://hooks.example.com/sla?token=it-secret-" + UUID.randomUUID();
        Answer stored = call("PUT", "/api/sla/policies/it-hooked")
                .body("""
                        {"match":{"priority":"LOW","customerTier":"STANDARD","channel":"MESSENGER"},
                         "targets":{"firstResponse":"PT60M","resolution":"PT8H"},"webhookUrl":"%s"}""".formatted(webhook))
                .as("admin")
                .send();
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        // Deactivated at once, so that no ticket another test opens matches it; the list shows it all the same.
        Answer deactivated = call("POST", "/api/sla/policies/it-hooked/deactivate")
                .as("admin")
                .send();
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("webhookUrl").asText()).isEqualTo(webhook);
        assertThat(putCalendar("it-readable", CALENDAR).status()).isEqualTo(200);

        JsonNode forAdmin =
                policyNamed(call("GET", "/api/sla/policies").as("admin").send(), "it-hooked");
        assertThat(forAdmin.get("webhookUrl").asText()).isEqualTo(webhook);

        for (String reader : List.of("ana", "audrey")) {
            Answer answer = call("GET", "/api/sla/policies").as(reader).send();
            assertThat(answer.status()).as(reader).isEqualTo(200);
            assertThat(answer.body()).as(reader).doesNotContain("it-secret-").doesNotContain("webhookUrl");
            JsonNode policy = policyNamed(answer, "it-hooked");
            assertThat(policy.has("webhookUrl")).as("absent, not null").isFalse();
            assertThat(policy.get("targets").get("firstResponse").asText()).isEqualTo("PT1H");
            assertThat(policy.get("version").asLong()).isEqualTo(deactivated.version());
            assertThat(policy.get("active").asBoolean()).isFalse();
            assertThat(policy.get("changedBy").asText()).isEqualTo("admin");

            Answer calendars = call("GET", "/api/sla/calendars").as(reader).send();
            assertThat(calendars.status()).as(reader).isEqualTo(200);
            assertThat(names(calendars)).as(reader).startsWith("24x7").contains("it-readable");
        }
        // A policy without a webhook is answered with null to an admin, as before: only readers lose the field.
        assertThat(call("GET", "/api/sla/policies").as("admin").send().json().get("items"))
                .allMatch(policy -> policy.has("webhookUrl"));
    }

    @Test
    void aWebhookInAStoredEventIsAnsweredToAnAdminOnlyInTheHistoryAndTheFeed() {
        String webhook = "https://hooks.example.com/sla?token=it-secret-" + UUID.randomUUID();
        Answer stored = call("PUT", "/api/sla/policies/it-notifying")
                .body("""
                        {"match":{"priority":"LOW","customerTier":"STANDARD","channel":"MESSENGER"},
                         "targets":{"firstResponse":"PT60M","resolution":"PT8H"},"webhookUrl":"%s",
                         "escalations":[{"at":"BREACH","actions":["NOTIFY_SUPERVISOR"]}]}""".formatted(webhook))
                .as("admin")
                .send();
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        String ticket;
        try {
            Answer opened = post("/api/tickets", """
                            {"subject":"Bot replies twice","channel":"MESSENGER","priority":"LOW",
                             "customerTier":"STANDARD","requester":{"name":"Nora"}}""").as("alice").send();
            assertThat(opened.status()).isEqualTo(201);
            ticket = opened.json().get("id").asText();
        } finally {
            // No ticket another test opens may match it.
            assertThat(call("POST", "/api/sla/policies/it-notifying/deactivate")
                            .as("admin")
                            .send()
                            .status())
                    .isEqualTo(200);
        }
        String dueAt = firstResponseClockOf(ticket).get("dueAt").asText();
        clock.passBeyond(Instant.parse(dueAt));
        Answer breach = post(
                        "/api/tickets/" + ticket + "/sla/breaches",
                        "{\"metric\":\"FIRST_RESPONSE\",\"dueAt\":\"" + dueAt + "\"}")
                .as("sla-monitor")
                .send();
        assertThat(breach.status()).as(breach.body()).isEqualTo(200);

        JsonNode requested = eventOfType(ticket, "SupervisorNotificationRequestedEvent", "admin");
        assertThat(requested.get("payload").get("webhookUrl").asText()).isEqualTo(webhook);
        for (String reader : List.of("alice", "sam", "ana", "audrey")) {
            Answer history = call("GET", "/api/tickets/" + ticket + "/history")
                    .as(reader)
                    .send();
            assertThat(history.status()).as(reader).isEqualTo(200);
            assertThat(history.body()).as(reader).doesNotContain("it-secret-");
            JsonNode payload = eventOfType(ticket, "SupervisorNotificationRequestedEvent", reader)
                    .get("payload");
            assertThat(payload.has("webhookUrl"))
                    .as(reader + ": absent, not null")
                    .isFalse();
            assertThat(payload.get("notificationId").asText()).as(reader).startsWith(ticket + ":FIRST_RESPONSE");
        }

        long policyDefined = jdbc.queryForObject(
                "SELECT min(global_index) FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                "sla-policy:it-notifying");
        long notification = requested.get("position").asLong();
        for (long position : List.of(policyDefined, notification)) {
            String page = "/api/events?after=" + (position - 1) + "&limit=1";
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> call("GET", page)
                                    .as("admin")
                                    .send()
                                    .json()
                                    .get("items")
                                    .size()
                            == 1);
            assertThat(call("GET", page).as("admin").send().body()).contains(webhook);
            for (String reader : List.of("ana", "audrey")) {
                Answer json = call("GET", page).as(reader).send();
                Answer lines = call("GET", page)
                        .as(reader)
                        .header("Accept", "application/x-ndjson")
                        .send();
                JsonNode item = json.json().get("items").get(0);
                assertThat(item.get("position").asLong()).isEqualTo(position);
                assertThat(item.get("payload").has("webhookUrl")).as(reader).isFalse();
                assertThat(json.body() + lines.body()).as(reader).doesNotContain("it-secret-");
                assertThat(lines.body()).as(reader).contains("\"position\":" + position);
            }
        }
    }

    private JsonNode eventOfType(String ticketId, String type, String reader) {
        JsonNode events = call("GET", "/api/tickets/" + ticketId + "/history")
                .as(reader)
                .send()
                .json()
                .get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError(ticketId + " has no " + type));
    }

    private static JsonNode policyNamed(Answer answer, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get("items").spliterator(), false)
                .filter(policy -> policy.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anInvalidPolicyOrCalendarIsA400NamingEachFieldAndStoresNothing() {
        long before = eventRows();
        Answer policy = call("PUT", "/api/sla/policies/it-invalid")
                .body("""
                        {"targets":{"firstResponse":"PT0S","nextResponse":"-PT1H"},"warnAtPercent":101,
                         "calendar":"no-such-calendar","webhookUrl":"ftp://example.com",
                         "escalations":[{"at":"BREACH","actions":["REASSIGN_TO_GROUP"]},
                                        {"at":"WARNING","actions":[],"group":"no-such-group"}]}""")
                .as("admin")
                .send();
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(policy))
                .containsExactlyInAnyOrder(
                        "targets.firstResponse",
                        "targets.nextResponse",
                        "targets.resolution",
                        "warnAtPercent",
                        "calendar",
                        "webhookUrl",
                        "escalations[0].group",
                        "escalations[1].group");

        Answer badDuration = call("PUT", "/api/sla/policies/it-invalid")
                .body("{\"targets\":{\"firstResponse\":\"soon\",\"resolution\":\"PT1H\"}}")
                .as("admin")
                .send();
        assertThat(badDuration.status()).isEqualTo(400);
        assertThat(badDuration.body()).contains("firstResponse");

        assertThat(fields(putCalendar("it-invalid", CALENDAR.replace("Europe/Berlin", "Mars/Olympus"))))
                .containsExactly("timeZone");
        assertThat(fields(putCalendar("it-invalid", CALENDAR.replace("09:00-12:00", "12:00-09:00"))))
                .containsExactly("workingHours.MONDAY[0]");
        assertThat(fields(putCalendar("it-invalid", CALENDAR.replace("2026-12-24", "2026-13-24"))))
                .containsExactly("holidays[0]");
        assertThat(fields(putCalendar("24x7", CALENDAR))).containsExactly("name");
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void aChangeAppliesToTheNextTicketWithItsVersionUntilThePolicyIsDeactivated() {
        assertThat(putCalendar(
                                "it-no-holidays",
                                "{\"timeZone\":\"UTC\",\"workingHours\":{\"MONDAY\":[\"09:00-10:00\"]}}")
                        .status())
                .as("holidays may be left out")
                .isEqualTo(200);
        Answer calendar = putCalendar("it-office", CALENDAR);
        assertThat(calendar.status()).isEqualTo(200);
        long calendarVersion = calendar.version();
        assertThat(calendar.json().get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(names(call("GET", "/api/sla/calendars").as("admin").send())).contains("24x7", "it-office");

        Answer first = putPolicy(60);
        assertThat(first.status()).isEqualTo(200);
        long version = first.version();
        assertThat(first.json().get("active").asBoolean()).isTrue();
        assertThat(first.json().get("escalations").get(0).get("group").asText()).isEqualTo("tier2");
        assertThat(putPolicy(60).version())
                .as("the same definition again changes nothing")
                .isEqualTo(version);
        assertThat(jdbc.queryForObject(
                        "SELECT DISTINCT type FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        "sla-policy:it-vip"))
                .isEqualTo("SlaPolicy");

        JsonNode started = firstResponseClockOf(openMatchingTicket());
        assertThat(started.get("policy").asText()).isEqualTo("it-vip");
        assertThat(started.get("policyVersion").asLong()).isEqualTo(version);
        assertThat(started.get("calendar").asText()).isEqualTo("it-office");
        assertThat(started.get("calendarVersion").asLong()).isEqualTo(calendarVersion);
        assertThat(started.get("target").asText()).isEqualTo("PT1H");

        String explained = openMatchingTicket();
        assertThat(post("/api/tickets/" + explained + "/assign", "{\"assignee\":\"alice\"}")
                        .as("alice")
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(post("/api/tickets/" + explained + "/pending", "{\"reason\":\"waiting for logs\"}")
                        .as("alice")
                        .send()
                        .status())
                .isEqualTo(200);
        Answer explanation =
                call("GET", "/api/tickets/" + explained + "/sla").as("audrey").send();
        assertThat(explanation.status()).isEqualTo(200);
        JsonNode clock = explanation.json().get("clocks").get(0);
        assertThat(clock.get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(clock.get("state").asText()).isEqualTo("PAUSED");
        assertThat(clock.get("policyVersion").asLong()).isEqualTo(version);
        JsonNode pause = clock.get("timeline").get(1);
        assertThat(pause.get("kind").asText()).isEqualTo("PAUSED");
        assertThat(pause.get("why").asText()).contains("waiting for logs");
        assertThat(call("GET", "/api/tickets/T-0/sla").as("audrey").send().status())
                .isEqualTo(404);
        assertThat(call("GET", "/api/tickets/sla-policy:it-vip/sla")
                        .as("admin")
                        .send()
                        .status())
                .isEqualTo(404);

        Answer changed = putPolicy(90);
        assertThat(changed.version()).isEqualTo(version + 1);
        JsonNode afterChange = firstResponseClockOf(openMatchingTicket());
        assertThat(afterChange.get("policyVersion").asLong()).isEqualTo(version + 1);
        assertThat(afterChange.get("target").asText()).isEqualTo("PT1H30M");
        assertThat(names(call("GET", "/api/sla/policies").as("admin").send())).contains("it-vip");

        Answer deactivated =
                call("POST", "/api/sla/policies/it-vip/deactivate").as("admin").send();
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(deactivated.version()).isEqualTo(version + 2);
        assertThat(firstResponseClockOf(openMatchingTicket()).get("policy").asText())
                .isEqualTo("default");
        assertThat(call("POST", "/api/sla/policies/it-unknown/deactivate")
                        .as("admin")
                        .send()
                        .status())
                .isEqualTo(404);
    }

    private Answer putPolicy(int firstResponseMinutes) {
        return call("PUT", "/api/sla/policies/it-vip")
                .body(POLICY.formatted(firstResponseMinutes))
                .as("admin")
                .send();
    }

    private Answer putCalendar(String name, String body) {
        return call("PUT", "/api/sla/calendars/" + name).body(body).as("admin").send();
    }

    private String openMatchingTicket() {
        Answer opened = post("/api/tickets", """
                        {"subject":"Chat is down","channel":"MESSENGER","priority":"LOW","customerTier":"PREMIUM",
                         "requester":{"name":"Carla"}}""").as("alice").send();
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private JsonNode firstResponseClockOf(String ticketId) {
        JsonNode events = call("GET", "/api/tickets/" + ticketId + "/history")
                .as("alice")
                .send()
                .json()
                .get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("type").asText().endsWith("SlaClockStartedEvent"))
                .map(e -> e.get("payload"))
                .filter(p -> p.get("metric").asText().equals("FIRST_RESPONSE"))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> fields(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static List<String> names(Answer answer) {
        List<String> names = new ArrayList<>();
        answer.json().get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
