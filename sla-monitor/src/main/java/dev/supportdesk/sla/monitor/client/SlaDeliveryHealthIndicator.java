package dev.supportdesk.sla.monitor.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code slaDelivery} health component: how many warnings and breaches wait for ticket-command, and the oldest.
 * <p>
 * It stays UP while deliveries are pending, with the numbers as details. A pending delivery is ticket-command's
 * refusal or absence (wrong credentials, an outage), which neither restarting sla-monitor nor taking it out of
 * service fixes; the deadlines keep retrying, and a DOWN here would only make the launcher's and the orchestrator's
 * health checks (they wait for HTTP 200 with {@code "status":"UP"}) restart a healthy process in a loop. Alerting
 * belongs to the {@code sla.delivery.pending} and {@code sla.delivery.oldest.age} gauges.
 */
class SlaDeliveryHealthIndicator extends AbstractHealthIndicator {

    private final PendingSlaCommands pending;

    SlaDeliveryHealthIndicator(PendingSlaCommands pending) {
        super("sla-monitor could not read its pending SLA commands");
        this.pending = pending;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PendingSlaCommands.Summary summary = pending.summary();
        builder.up()
                .withDetail("pending", summary.count())
                .withDetail("oldestAgeSeconds", summary.oldestAge().toSeconds());
        List<PendingSlaCommand> oldest = summary.count() == 0 ? List.of() : pending.list(1);
        if (!oldest.isEmpty()) {
            PendingSlaCommand command = oldest.get(0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ticketId", command.ticketId());
            details.put("metric", command.metric().name());
            details.put("kind", command.kind().name());
            details.put("at", command.at().toString());
            details.put("attempts", command.attempts());
            details.put("lastError", command.lastError().toString());
            details.put("nextAttemptAt", command.nextAttemptAt().toString());
            builder.withDetail("oldest", details);
        }
    }
}
