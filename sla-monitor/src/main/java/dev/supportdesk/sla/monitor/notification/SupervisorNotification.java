package dev.supportdesk.sla.monitor.notification;

import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import java.util.List;

/**
 * One supervisor notification as sla-monitor tracks it, for the delivery task and for the admin listing.
 *
 * @param webhookUrl the policy's own webhook, or null for the configured one
 * @param lastStatus the webhook's last HTTP status, or null when it did not answer (or was not tried yet)
 */
public record SupervisorNotification(
        String notificationId,
        String ticketId,
        SlaMetric metric,
        EscalationTrigger stage,
        String group,
        List<String> supervisors,
        String webhookUrl,
        Instant requestedAt,
        State state,
        int attempts,
        Integer lastStatus,
        String lastError,
        Instant firstFailedAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        boolean failureRecorded,
        boolean deliveryRecorded) {

    public enum State {
        /** Not tried yet, or tried and not failed yet. */
        PENDING,
        /** The last attempt failed; retried with back-off. */
        FAILING,
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Attempts stopped after give-up-after (or no webhook is configured); recorded as failed. */
        GAVE_UP
    }
}
