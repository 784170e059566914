package dev.supportdesk.sla.monitor.consumer;

import dev.supportdesk.platform.consumer.ConsumerStatusExtension;
import dev.supportdesk.sla.monitor.client.PendingSlaCommands;
import dev.supportdesk.sla.monitor.saga.TicketSlaSaga;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The SLA monitor's entry in {@code GET /api/admin/projections} also lists the warnings and breaches that
 * ticket-command has not taken yet, with why: they are as much part of its backlog as unread records.
 */
@Component
class PendingDeliveriesStatus implements ConsumerStatusExtension {

    private static final int LISTED = 100;

    private final PendingSlaCommands pending;

    PendingDeliveriesStatus(PendingSlaCommands pending) {
        this.pending = pending;
    }

    @Override
    public String consumer() {
        return TicketSlaSaga.PROCESSING_GROUP;
    }

    @Override
    public Map<String, Object> details() {
        PendingSlaCommands.Summary summary = pending.summary();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pendingDeliveryCount", summary.count());
        details.put("pendingDeliveries", pending.list(LISTED));
        return details;
    }
}
