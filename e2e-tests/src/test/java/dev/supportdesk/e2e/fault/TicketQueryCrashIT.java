package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.EventStore.Event;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * ticket-query is stopped while commands build a backlog on every partition of the topic, started, and
 * killed with {@code kill -9} while it works through that backlog, then started again: every ticket
 * must end at its final version with every event applied once. A consumer that committed a position
 * past records it had not applied yet (records handed out across partitions in another order than
 * their positions) would leave tickets short of their final version, or with an event skipped.
 */
@FaultTest
@Order(3)
class TicketQueryCrashIT {

    private final FaultPlatform desk;

    TicketQueryCrashIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void killedWhileCatchingUpOnABacklogItStillEndsWithEveryTicketAtItsFinalVersion() {
        String word = Tickets.uniqueWord("querykill");
        PlatformProcess query = desk.part(Service.TICKET_QUERY, 1);

        query.stop();
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(35))
                .start()) {
            load.awaitAcknowledged(400);
            ledger = load.stop();
        }
        Map<String, Long> finalVersions = storedVersions(word);
        long backlog =
                finalVersions.values().stream().mapToLong(Long::longValue).sum();
        await("the outbox publishes the backlog")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> desk.topic().readAll().stream()
                                .filter(record -> finalVersions.containsKey(record.key()))
                                .map(Topic.Record::eventId)
                                .distinct()
                                .count()
                        >= backlog);
        Set<Integer> partitions = desk.topic().readAll().stream()
                .filter(record -> finalVersions.containsKey(record.key()))
                .map(Topic.Record::partition)
                .collect(Collectors.toSet());
        assertThat(partitions)
                .as("the backlog covers every partition")
                .hasSize(desk.topic().partitions());

        query.launch();
        long[] appliedAtKill = new long[1];
        await("ticket-query is part way through the backlog")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    appliedAtKill[0] = applied(finalVersions);
                    return appliedAtKill[0] > 0 || !query.isRunning();
                });
        query.kill();
        long appliedAfterKill = applied(finalVersions);
        System.out.println("[fault] " + word + ": ticket-query killed with " + appliedAtKill[0] + " of " + backlog
                + " backlog events applied (" + appliedAfterKill + " once it was gone)");
        assertThat(appliedAfterKill)
                .as("killed in the middle of the backlog, not after it")
                .isBetween(1L, backlog - 1);

        query.start();

        desk.consistency().verify(ledger, word);
    }

    private Map<String, Long> storedVersions(String word) {
        Map<String, Long> versions = new HashMap<>();
        for (Event event : desk.eventStore().streamsMentioning(word)) {
            versions.merge(event.aggregateId(), event.version(), Math::max);
        }
        return versions;
    }

    /** How many of the backlog's events the read model shows applied (each ticket row counts up to its version). */
    private long applied(Map<String, Long> finalVersions) {
        return desk.readModel().versions(finalVersions.keySet()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
