package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.detail;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policies in seconds on PREMIUM tickets of the API channel (a combination no other test opens): one breaches and
 * escalates through its ladder, one is paused before it could and never breaches, one runs on a calendar that is
 * closed now, so its clock waits for the next opening.
 */
@EndToEnd
class SlaPolicyLadderIT {

    private final ApiClient admin;
    private final ApiClient bob;

    SlaPolicyLadderIT(SupportDesk desk) {
        this.admin = desk.as("admin");
        this.bob = desk.as("bob");
    }

    private static Map<String, Object> premiumApi(String subject, String priority) {
        Map<String, Object> request = openRequest(subject, "API", priority);
        request.put("customerTier", "PREMIUM");
        return request;
    }

    private void putPolicy(String name, String priority, String firstResponse, String calendar, List<?> ladder) {
        JsonNode stored = admin.put(
                        "/api/sla/policies/" + name,
                        Map.of(
                                "match",
                                Map.of("priority", priority, "customerTier", "PREMIUM", "channel", "API"),
                                "targets",
                                Map.of("firstResponse", firstResponse, "resolution", "PT1H"),
                                "warnAtPercent",
                                50,
                                "calendar",
                                calendar,
                                "escalations",
                                ladder))
                .expect(200)
                .json();
        assertThat(stored.path("version").asLong()).isPositive();
        assertThat(stored.path("active").asBoolean()).isTrue();
    }

    @Test
    void aBreachRunsTheLadderAPendingTicketNeverBreachesAndAClosedCalendarWaits() {
        putPolicy(
                "e2e-ladder",
                "LOW",
                "PT5S",
                "24x7",
                List.of(Map.of(
                        "at", "BREACH",
                        "metric", "FIRST_RESPONSE",
                        "actions", List.of("RAISE_PRIORITY", "REASSIGN_TO_GROUP", "NOTIFY_SUPERVISOR"),
                        "group", "tier2")));
        putPolicy("e2e-paused", "NORMAL", "PT8S", "24x7", List.of());
        // Open only on the day three days from now, early in the morning UTC: closed right now.
        LocalDate openingDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        DayOfWeek openDay = openingDay.getDayOfWeek();
        admin.put(
                        "/api/sla/calendars/e2e-closed",
                        Map.of("timeZone", "UTC", "workingHours", Map.of(openDay.name(), List.of("06:00-07:00"))))
                .expect(200);
        putPolicy("e2e-closed-hours", "HIGH", "PT5S", "e2e-closed", List.of());

        String word = Tickets.uniqueWord("ladder");
        ApiResponse ladderOpened = open(bob, premiumApi("Ladder " + word, "LOW"));
        String ladder = ladderOpened.json().path("id").asText();
        command(bob, ladder, "assign", Map.of("assignee", "bob", "group", "tier1"));
        ApiResponse pausedOpened = open(bob, premiumApi("Paused " + word, "NORMAL"));
        String paused = pausedOpened.json().path("id").asText();
        command(bob, paused, "assign", Map.of("assignee", "bob"));
        long pausedVersion = version(command(bob, paused, "pending", Map.of("reason", "waiting for the customer")));
        ApiResponse closedOpened = open(bob, premiumApi("Closed hours " + word, "HIGH"));
        String closed = closedOpened.json().path("id").asText();

        // The ladder: one escalation step, the priority one level up, the group tier2 and nobody assigned.
        JsonNode escalated = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> bob.get("/api/tickets/" + ladder).expect(200).json(),
                        ticket -> ticket.path("sla").path("escalationLevel").asInt() >= 1
                                && "tier2".equals(ticket.path("group").asText()));
        assertThat(escalated.path("sla").path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(escalated.path("sla").path("state").asText()).isEqualTo("BREACHED");
        assertThat(escalated.path("priority").asText()).isEqualTo("NORMAL");
        assertThat(escalated.path("assignee").isNull()
                        || escalated.path("assignee").isMissingNode())
                .as("the ladder cleared the assignee")
                .isTrue();
        List<String> types = new ArrayList<>();
        JsonNode supervisorNotification = null;
        for (JsonNode event : bob.get("/api/tickets/" + ladder + "/history")
                .expect(200)
                .json()
                .path("events")) {
            types.add(event.path("type").asText());
            if ("SupervisorNotificationRequestedEvent".equals(event.path("type").asText())) {
                supervisorNotification = event;
            }
        }
        assertThat(types).containsOnlyOnce("SlaClockBreachedEvent", "TicketEscalatedEvent");
        assertThat(types).contains("TicketPriorityChangedEvent", "SlaClockRetargetedEvent");
        assertThat(supervisorNotification).isNotNull();
        assertThat(supervisorNotification.path("payload").path("notificationId").asText())
                .isEqualTo(ladder + ":FIRST_RESPONSE:BREACH:1");
        assertThat(supervisorNotification.path("payload").path("group").asText())
                .isEqualTo("tier2");
        assertThat(supervisorNotification.path("actor").path("role").asText()).isEqualTo("SYSTEM");
        JsonNode firstResponse = bob.get("/api/tickets/" + ladder + "/sla")
                .expect(200)
                .json()
                .path("clocks")
                .get(0);
        // NORMAL, PREMIUM, API tickets match e2e-paused, in force when the ticket was opened: the raise re-targets to
        // it
        assertThat(firstResponse.path("policy").asText()).isEqualTo("e2e-paused");
        assertThat(firstResponse.path("breached").asBoolean()).isTrue();
        assertThat(firstResponse.path("timeline").get(0).path("policy").asText())
                .isEqualTo("e2e-ladder");

        // Paused before its 8 s could pass: still paused, never breached, well after the target.
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode ticket = detail(bob, paused, pausedVersion);
                    assertThat(ticket.path("sla").path("state").asText()).isEqualTo("PAUSED");
                    assertThat(ticket.path("sla").path("escalationLevel").asInt())
                            .isZero();
                    assertThat(ticket.path("version").asLong()).isEqualTo(pausedVersion);
                });

        // The closed calendar: the clock starts counting only at the next opening.
        JsonNode closedTicket = detail(bob, closed, version(closedOpened));
        Instant due = Instant.parse(
                closedTicket.path("sla").path("firstResponseDueAt").asText());
        Instant nextOpening = openingDay.atTime(LocalTime.of(6, 0)).toInstant(ZoneOffset.UTC);
        assertThat(due).isEqualTo(nextOpening.plusSeconds(5));
        assertThat(closedTicket.path("sla").path("state").asText()).isEqualTo("ON_TRACK");
        JsonNode closedClock = bob.get("/api/tickets/" + closed + "/sla")
                .expect(200)
                .json()
                .path("clocks")
                .get(0);
        assertThat(closedClock.path("calendar").asText()).isEqualTo("e2e-closed");
        assertThat(closedClock.path("calendarVersion").asLong()).isPositive();
    }
}
