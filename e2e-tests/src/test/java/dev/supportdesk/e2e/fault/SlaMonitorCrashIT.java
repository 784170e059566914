package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.EventStore.Event;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of sla-monitor while it holds deadlines that have not fired yet (URGENT tickets with a
 * 5 s first-response target on this platform), then a start: each deadline fires once after the
 * restart. One breach per clock, one escalation per ticket, and nothing more while we keep watching.
 */
@FaultTest
@Order(4)
class SlaMonitorCrashIT {

    private static final int TICKETS = 12;

    private final FaultPlatform desk;

    SlaMonitorCrashIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void deadlinesPendingInAKilledMonitorFireOnceAfterItsRestart() {
        String word = Tickets.uniqueWord("slakill");
        PlatformProcess monitor = desk.part(Service.SLA_MONITOR, 1);
        ApiClient bob = desk.as("bob");
        List<String> ids = Deadlines.openUrgent(desk, word, TICKETS);
        // Only these tickets have deadlines due within a minute: every other ticket of the platform has hours.
        await("sla-monitor holds a saga and a deadline for every ticket")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sagas(ids) == TICKETS && deadlinesDueSoon() >= TICKETS);

        monitor.kill();
        Instant killed = Instant.now();
        monitor.start();

        Deadlines.awaitEachFiredOnce(desk, word, ids);
        Map<String, List<Event>> streams =
                desk.eventStore().streamsMentioning(word).stream().collect(Collectors.groupingBy(Event::aggregateId));
        assertThat(streams).as("no ticket but these").containsOnlyKeys(ids);
        assertThat(streams.values().stream()
                        .flatMap(List::stream)
                        .filter(event -> event.type().equals("SlaClockBreachedEvent"))
                        .filter(event -> event.at().isAfter(killed)))
                .as("deadlines that fired after the restart")
                .isNotEmpty();

        Consistency.Report report = desk.consistency().verify(new Ledger(), word);
        assertThat(report.tickets()).isEqualTo(TICKETS);
        for (String id : ids) {
            com.fasterxml.jackson.databind.JsonNode sla =
                    bob.get("/api/tickets/" + id).expect(200).json().path("sla");
            assertThat(sla.path("escalationLevel").asInt())
                    .as("escalation level of %s", id)
                    .isEqualTo(1);
            assertThat(sla.path("state").asText()).as("SLA state of %s", id).isEqualTo("BREACHED");
        }
    }

    /** Deadlines in db-scheduler's table (sla-monitor's persistent deadlines) due within the next minute. */
    private int deadlinesDueSoon() throws Exception {
        try (Connection connection = desk.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM sla_monitor.scheduled_tasks WHERE execution_time < now() + interval '1 minute'");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Tickets for which sla-monitor has stored a saga (Axon's association table of its saga store). */
    private int sagas(List<String> ids) throws Exception {
        try (Connection connection = desk.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(DISTINCT association_value) FROM sla_monitor.association_value_entry"
                                + " WHERE association_key = 'ticketId' AND association_value = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
