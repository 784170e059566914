package dev.supportdesk.sla.monitor.consumer;

import dev.supportdesk.platform.consumer.ConsumerStatusExtension;
import dev.supportdesk.sla.monitor.client.PendingSlaCommands;
import dev.supportdesk.sla.monitor.notification.SupervisorNotifications;
import dev.supportdesk.sla.monitor.saga.TicketSlaSaga;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The SLA monitor's entry in {@code GET /api/admin/projections} also lists the warnings and breaches that
 * ticket-command has not taken yet, with why: they are as much part of its backlog as unread records. So are the
 * supervisor notifications whose webhook has not answered 2xx yet (pending, failing or given up), and those
 * delivered but not recorded by ticket-command yet.
 */
@Component
class PendingDeliveriesStatus implements ConsumerStatusExtension {

    private static final int LISTED = 100;

    private final PendingSlaCommands pending;
    private final SupervisorNotifications notifications;

    PendingDeliveriesStatus(PendingSlaCommands pending, SupervisorNotifications notifications) {
        this.pending = pending;
        this.notifications = notifications;
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
        SupervisorNotifications.Summary notified = notifications.summary();
        details.put("pendingNotificationCount", notified.pending());
        details.put("failingNotificationCount", notified.failing());
        details.put("gaveUpNotificationCount", notified.gaveUp());
        details.put("notifications", notifications.undelivered(LISTED));
        return details;
    }
}
