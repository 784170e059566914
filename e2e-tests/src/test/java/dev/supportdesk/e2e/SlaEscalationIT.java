package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.detail;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.queue;
import static dev.supportdesk.e2e.Tickets.queueItem;
import static dev.supportdesk.e2e.Tickets.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nobody answers an URGENT ticket within its first-response target (2 s in these tests): sla-monitor's
 * deadline fires, ticket-command records the breach and one escalation, and the read model shows it,
 * once and only once.
 */
@EndToEnd
class SlaEscalationIT {

    private final ApiClient bob;

    SlaEscalationIT(SupportDesk desk) {
        this.bob = desk.as("bob");
    }

    @Test
    void anUnansweredUrgentTicketIsEscalatedExactlyOnce() {
        String word = Tickets.uniqueWord("urgent");
        ApiResponse opened = open(bob, openRequest("Checkout is down " + word, "CHAT", "URGENT"));
        String id = opened.json().path("id").asText();

        JsonNode fresh = detail(bob, id, version(opened));
        Instant firstResponseDue =
                Instant.parse(fresh.path("sla").path("firstResponseDueAt").asText());
        Instant openedAt = Instant.parse(fresh.path("createdAt").asText());
        // The clock starts when ticket-command handles the command, a moment after the event's timestamp.
        assertThat(Duration.between(openedAt, firstResponseDue))
                .as("the test policy's URGENT target")
                .isBetween(
                        Duration.parse(PlatformExtension.URGENT_FIRST_RESPONSE).minusMillis(500),
                        Duration.parse(PlatformExtension.URGENT_FIRST_RESPONSE).plusMillis(500));

        // Breach and escalation are two events: the read model may show the first one a moment before the second.
        JsonNode escalated = await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> bob.get("/api/tickets/" + id).expect(200).json(),
                        ticket -> ticket.path("sla").path("escalationLevel").asInt() >= 1);
        assertThat(escalated.path("sla").path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(escalated.path("sla").path("state").asText()).isEqualTo("BREACHED");
        assertThat(escalated.path("status").asText())
                .as("an escalation keeps the status")
                .isEqualTo("NEW");
        long settledVersion = escalated.path("version").asLong();

        // Duplicate deliveries, redelivered deadlines or a second breach would raise the level or the version.
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode ticket = bob.get("/api/tickets/" + id).expect(200).json();
                    assertThat(ticket.path("sla").path("escalationLevel").asInt())
                            .isEqualTo(1);
                    assertThat(ticket.path("sla").path("state").asText()).isEqualTo("BREACHED");
                    assertThat(ticket.path("version").asLong()).isEqualTo(settledVersion);
                });

        JsonNode breachedQueue = queue(bob, Map.of("q", word, "sla", "BREACHED"));
        assertThat(queueItem(breachedQueue, id))
                .as("the queue's sla=BREACHED filter")
                .isNotNull();
        assertThat(breachedQueue.path("total").asInt()).isEqualTo(1);
    }
}
