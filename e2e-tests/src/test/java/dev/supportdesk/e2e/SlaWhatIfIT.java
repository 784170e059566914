package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.detail;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The what-if against the real command side: tickets worked through the public API under the built-in default policy
 * (ticket-command's targets per priority, URGENT's first response 2 s in these tests), then the what-if under those
 * same targets, restated in the body, answers what the SLA report answers. The command side computed its clocks with
 * the SLA calculator in its commands; the what-if recomputes them from the report projection's timeline.
 */
@EndToEnd
class SlaWhatIfIT {

    /** ticket-command's default targets (application.yml; URGENT's first response as PlatformExtension sets it). */
    private static final Map<String, List<String>> DEFAULT_TARGETS = Map.of(
            "URGENT", List.of(PlatformExtension.URGENT_FIRST_RESPONSE, "PT4H"),
            "HIGH", List.of("PT1H", "PT8H"),
            "NORMAL", List.of("PT4H", "PT24H"),
            "LOW", List.of("PT8H", "PT72H"));

    private static final Set<String> COUNTS = Set.of(
            "tickets",
            "firstResponseMet",
            "firstResponseBreached",
            "resolutionMet",
            "resolutionBreached",
            "compliancePct");

    private final ApiClient alice;
    private final ApiClient ana;
    private final ApiClient admin;

    SlaWhatIfIT(SupportDesk desk) {
        this.alice = desk.as("alice");
        this.ana = desk.as("ana");
        this.admin = desk.as("admin");
    }

    @Test
    void underTheContractedPoliciesTheWhatIfAnswersTheSlaReport() {
        assertNoStoredPolicyMatchesPhoneTicketsOfStandardCustomers();
        // The window starts after this test began, so that no ticket an earlier test opened falls into it.
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().isAfter(from));

        String answered = opened("HIGH");
        command(alice, answered, "replies", Map.of("body", "on it", "visibility", "PUBLIC"));
        command(alice, answered, "resolve", Map.of("resolution", "fixed"));

        String busy = opened("NORMAL");
        command(alice, busy, "replies", Map.of("body", "looking", "visibility", "PUBLIC"));
        command(alice, busy, "pending", Map.of("reason", "logs"));
        command(alice, busy, "resume", Map.of("reason", "found them"));
        command(alice, busy, "priority", Map.of("priority", "HIGH"));
        command(alice, busy, "customer-messages", Map.of("body", "any news?"));
        command(alice, busy, "resolve", Map.of("resolution", "done"));
        command(alice, busy, "reopen", Map.of("reason", "not done"));
        command(alice, busy, "resolve", Map.of("resolution", "done now"));

        String late = opened("URGENT");
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> alice.get("/api/tickets/" + late).expect(200).json(),
                        t -> t.path("sla").path("state").asText().equals("BREACHED"));
        command(alice, late, "replies", Map.of("body", "sorry", "visibility", "PUBLIC"));
        long lateVersion = version(command(alice, late, "resolve", Map.of("resolution", "restarted")));

        String merged = opened("LOW");
        command(alice, merged, "merge", Map.of("into", answered));
        String waiting = opened("NORMAL");
        detail(alice, late, lateVersion);
        String window = "from=" + from + "&to=" + Instant.now().plusSeconds(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policies", defaults(null));
        body.put("from", from.toString());
        body.put("to", Instant.now().plusSeconds(1).toString());

        // The report projection has applied everything: 5 tickets, 2 first responses met, 1 breached, 3 resolved.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode rows = ana.get("/api/reports/sla?" + window + "&groupBy=channel")
                            .expect(200)
                            .json()
                            .path("rows");
                    assertThat(rows.size()).as("rows of %s: %s", window, rows).isEqualTo(1);
                    assertThat(List.of(
                                    rows.get(0).path("tickets").asLong(),
                                    rows.get(0).path("firstResponseMet").asLong(),
                                    rows.get(0).path("firstResponseBreached").asLong(),
                                    rows.get(0).path("resolutionMet").asLong()))
                            .as("tickets, first responses met and breached, resolutions met: %s", rows)
                            .containsExactly(5L, 2L, 1L, 3L);
                });

        List<String> differences = new ArrayList<>();
        for (String groupBy : List.of("priority", "channel", "tier", "assignee", "group")) {
            JsonNode report = ana.get("/api/reports/sla?" + window + "&groupBy=" + groupBy)
                    .expect(200)
                    .json()
                    .path("rows");
            body.put("groupBy", groupBy);
            JsonNode whatIf =
                    ana.post("/api/reports/sla/what-if", body).expect(200).json();
            assertThat(whatIf.path("tickets").asLong()).as(groupBy).isEqualTo(5);
            assertThat(whatIf.path("ticketsWithoutTimeline").asLong())
                    .as(groupBy)
                    .isZero();
            assertThat(whatIf.path("rows")).as(groupBy).hasSameSizeAs(report);
            for (int i = 0; i < report.size(); i++) {
                JsonNode expected = report.get(i);
                JsonNode row = whatIf.path("rows").get(i);
                compare(groupBy + " " + expected.path("key").asText(), expected, row.path("contracted"), differences);
                compare(groupBy + " " + expected.path("key").asText(), expected, row.path("whatIf"), differences);
            }
            assertThat(whatIf.path("changedTickets").asLong())
                    .as(groupBy + ": " + whatIf)
                    .isZero();
        }
        assertThat(differences).isEmpty();

        // Every first response due a millisecond after the opening: the two met ones become breaches, and so do the
        // merged ticket's (merged later than that) and the unanswered one's.
        body.put("policies", defaults("PT0.001S"));
        body.put("groupBy", "priority");
        JsonNode tight = ana.post("/api/reports/sla/what-if", body).expect(200).json();
        assertThat(tight.path("changedTickets").asLong()).isEqualTo(4);
        List<String> changed = new ArrayList<>();
        tight.path("rows")
                .forEach(row -> row.path("changed")
                        .forEach(t -> changed.add(t.path("ticketId").asText()
                                + " "
                                + t.path("firstResponse").path("contracted").asText() + ">"
                                + t.path("firstResponse").path("whatIf").asText())));
        assertThat(changed)
                .containsExactlyInAnyOrder(
                        answered + " MET>BREACHED",
                        busy + " MET>BREACHED",
                        merged + " null>BREACHED",
                        waiting + " null>BREACHED");
    }

    /**
     * Counts and compliance exactly; the working minutes to within a hundredth: the what-if counts from the events'
     * time stamps, which lie microseconds before the instant each command computed its clocks with.
     */
    private static void compare(String what, JsonNode expected, JsonNode actual, List<String> differences) {
        expected.properties().forEach(field -> {
            if (field.getKey().equals("key")) {
                return;
            }
            JsonNode value = actual.path(field.getKey());
            boolean same = COUNTS.contains(field.getKey()) || field.getValue().isNull() || value.isNull()
                    ? field.getValue().equals(value)
                    : Math.abs(field.getValue().asDouble() - value.asDouble()) <= 0.011;
            if (!same) {
                differences.add(what + " " + field.getKey() + ": report " + field.getValue() + ", what-if " + value);
            }
        });
    }

    /** The default policy as a what-if list: one policy per priority (a first-response target for all, if given). */
    private static List<Map<String, Object>> defaults(String firstResponse) {
        List<Map<String, Object>> policies = new ArrayList<>();
        DEFAULT_TARGETS.forEach((priority, targets) -> policies.add(Map.of(
                "name",
                "default-" + priority,
                "match",
                Map.of("priority", priority),
                "targets",
                Map.of(
                        "firstResponse",
                        firstResponse == null ? targets.get(0) : firstResponse,
                        "resolution",
                        targets.get(1)))));
        return policies;
    }

    private String opened(String priority) {
        Map<String, Object> request = openRequest(Tickets.uniqueWord("whatif"), "PHONE", priority);
        request.put("customerTier", "STANDARD");
        return open(alice, request).json().path("id").asText();
    }

    /** The tickets here must run under the default policy: no stored policy may match them. */
    private void assertNoStoredPolicyMatchesPhoneTicketsOfStandardCustomers() {
        for (JsonNode policy : admin.get("/api/sla/policies").expect(200).json().path("items")) {
            JsonNode match = policy.path("match");
            boolean matches = policy.path("active").asBoolean()
                    && (match.path("channel").isMissingNode()
                            || match.path("channel").isNull()
                            || match.path("channel").asText().equals("PHONE"))
                    && (match.path("customerTier").isMissingNode()
                            || match.path("customerTier").isNull()
                            || match.path("customerTier").asText().equals("STANDARD"));
            assertThat(matches)
                    .as("a stored policy matches this test's tickets: " + policy)
                    .isFalse();
        }
    }
}
