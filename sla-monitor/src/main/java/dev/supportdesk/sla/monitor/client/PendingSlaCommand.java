package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;

/**
 * A warning or breach that ticket-command has not recorded yet, and why.
 *
 * @param deadlineId    the db-scheduler task instance of the deadline that retries it
 * @param ticketId      the ticket
 * @param metric        the SLA clock
 * @param kind          warning or breach
 * @param at            the warning's warn instant, or the breach's due instant
 * @param attempts      failed deliveries in a row
 * @param lastError     the last answer (never a credential)
 * @param firstFailedAt when the first delivery failed
 * @param lastAttemptAt when the last delivery failed
 * @param nextAttemptAt when the deadline runs again
 */
public record PendingSlaCommand(
        String deadlineId,
        String ticketId,
        SlaMetric metric,
        Kind kind,
        Instant at,
        int attempts,
        DeliveryError lastError,
        Instant firstFailedAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt) {

    public enum Kind {
        WARNING,
        BREACH
    }
}
