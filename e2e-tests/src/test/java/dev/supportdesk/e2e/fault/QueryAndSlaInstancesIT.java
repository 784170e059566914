package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.ApiResponse;
import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.launcher.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances each of ticket-query and sla-monitor share the topic's work (Axon segments claimed in
 * each service's token table): no event is applied twice, no deadline fires twice, when one instance
 * is killed the other takes over its share, and live updates and read-your-write waits work on either
 * instance, whichever of them applied the event.
 */
@InstancesTest
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryAndSlaInstancesIT {

    private final FaultPlatform desk;

    QueryAndSlaInstancesIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    @Order(1)
    void bothInstancesShareTheWorkAndEveryEventAndDeadlineTakesEffectOnce() {
        String word = Tickets.uniqueWord("sharing");
        List<String> urgent = Deadlines.openUrgent(desk, word, 8);
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(25))
                .start()) {
            load.awaitAcknowledged(300);
            ledger = load.stop();
        }

        await("both ticket-query instances hold partitions of the projection's consumer")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> desk.instancesWithPartitions(Service.TICKET_QUERY, "ticket-projection") == 2);
        await("both sla-monitor instances hold partitions of the saga's consumer")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> desk.instancesWithPartitions(Service.SLA_MONITOR, "ticket-sla") == 2);
        Deadlines.awaitEachFiredOnce(desk, word, urgent);
        desk.consistency().verify(ledger, word);
    }

    @Test
    @Order(2)
    void whenOneInstanceOfEachIsKilledTheOtherTakesOverItsShare() {
        String word = Tickets.uniqueWord("takeover");
        List<String> urgent = Deadlines.openUrgent(desk, word, 8);
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(35))
                .start()) {
            load.awaitAcknowledged(100);

            desk.part(Service.TICKET_QUERY, 2).kill();
            desk.part(Service.SLA_MONITOR, 2).kill();
            load.awaitAcknowledgedSince(Instant.now(), 200);

            ledger = load.stop();
        }

        // The survivors alone must bring every ticket to its final version and fire every deadline.
        Deadlines.awaitEachFiredOnce(desk, word, urgent);
        desk.consistency().catchUpWithin(Duration.ofSeconds(90)).verify(ledger, word);
        assertThat(desk.part(Service.TICKET_QUERY, 2).isRunning())
                .as("checked without the killed instance")
                .isFalse();

        desk.part(Service.TICKET_QUERY, 2).start();
        desk.part(Service.SLA_MONITOR, 2).start();
    }

    @Test
    @Order(3)
    void liveUpdatesAndMinVersionWaitsWorkOnEitherInstanceWhicheverAppliedTheEvent() {
        String word = Tickets.uniqueWord("notify");
        ApiClient tina = desk.as("tina");
        try (EventStream first = new EventStream(desk.platform().serviceUrl(Service.TICKET_QUERY, 1), "tina");
                EventStream second = new EventStream(desk.platform().serviceUrl(Service.TICKET_QUERY, 2), "tina")) {
            await("both streams are open")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> first.isOpen() && second.isOpen());

            Map<String, Long> versions = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String id = Tickets.open(tina, Tickets.openRequest("Live " + i + " " + word, "WEB", "LOW"))
                        .json()
                        .path("id")
                        .asText();
                versions.put(
                        id,
                        Tickets.version(Tickets.command(
                                tina,
                                id,
                                "replies",
                                Map.of("body", "Seen live " + i + " " + word, "visibility", "INTERNAL"))));
            }

            // The tickets land on different partitions, so each instance applies only some of them itself.
            for (int number = 1; number <= 2; number++) {
                ApiClient instance = desk.direct(Service.TICKET_QUERY, number, "tina");
                for (Map.Entry<String, Long> ticket : versions.entrySet()) {
                    ApiResponse read = await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200))
                            .until(
                                    () -> instance.get(
                                            "/api/tickets/" + ticket.getKey() + "?minVersion=" + ticket.getValue()),
                                    answer -> answer.status() != 504);
                    assertThat(read.status())
                            .as("instance %d: %s", number, read)
                            .isEqualTo(200);
                    assertThat(read.json().path("version").asLong())
                            .as("instance %d: %s", number, read)
                            .isGreaterThanOrEqualTo(ticket.getValue());
                }
            }
            await("every change is announced on both streams")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> versions.forEach((id, version) -> {
                        assertThat(first.versions().getOrDefault(id, 0L))
                                .as("stream of instance 1, %s", id)
                                .isGreaterThanOrEqualTo(version);
                        assertThat(second.versions().getOrDefault(id, 0L))
                                .as("stream of instance 2, %s", id)
                                .isGreaterThanOrEqualTo(version);
                    }));
            assertThat(first.failures()).isEmpty();
            assertThat(second.failures()).isEmpty();
        }
    }
}
