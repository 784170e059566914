package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.EventStore.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** URGENT tickets whose first-response deadline comes due within seconds, and the check that each fired once. */
final class Deadlines {

    private Deadlines() {}

    static List<String> openUrgent(FaultPlatform desk, String word, int count) {
        ApiClient bob = desk.as("bob");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Tickets.open(bob, Tickets.openRequest("Checkout down " + i + " " + word, "CHAT", "URGENT"))
                    .json()
                    .path("id")
                    .asText());
        }
        return ids;
    }

    /**
     * Waits until each ticket has its breach and escalation, keeps watching a while for a second one
     * (a deadline fired twice, by a redelivery or by two schedulers), then checks the stored events:
     * one FIRST_RESPONSE breach and one escalation per ticket, no warning twice.
     */
    static void awaitEachFiredOnce(FaultPlatform desk, String word, List<String> ids) {
        await("a breach and an escalation on every URGENT ticket")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(desk, word, ids, "TicketEscalatedEvent") >= ids.size()
                        && count(desk, word, ids, "SlaClockBreachedEvent") >= ids.size());
        await("nothing fires twice")
                .during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(desk, word, ids, "TicketEscalatedEvent") == ids.size()
                        && count(desk, word, ids, "SlaClockBreachedEvent") == ids.size());
        Map<String, List<Event>> streams = desk.eventStore().streamsMentioning(word).stream()
                .filter(event -> ids.contains(event.aggregateId()))
                .collect(Collectors.groupingBy(Event::aggregateId));
        assertThat(streams).containsOnlyKeys(ids);
        streams.forEach((id, events) -> {
            assertThat(events.stream()
                            .filter(event -> event.type().equals("SlaClockBreachedEvent"))
                            .map(Deadlines::metric))
                    .as("breaches of %s", id)
                    .containsExactly("FIRST_RESPONSE");
            assertThat(events.stream().filter(event -> event.type().equals("TicketEscalatedEvent")))
                    .as("escalations of %s", id)
                    .hasSize(1);
            assertThat(events.stream()
                            .filter(event -> event.type().equals("SlaClockAtRiskEvent"))
                            .map(Deadlines::metric))
                    .as("warnings of %s", id)
                    .doesNotHaveDuplicates();
        });
    }

    static String metric(Event event) {
        return ApiClient.parse(event.payload()).path("metric").asText();
    }

    private static long count(FaultPlatform desk, String word, List<String> ids, String type) {
        return desk.eventStore().streamsMentioning(word).stream()
                .filter(event ->
                        ids.contains(event.aggregateId()) && event.type().equals(type))
                .count();
    }
}
