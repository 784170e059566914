package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An SLA clock started with its due and warning instants in the policy's calendar; sla-monitor schedules them.
 *
 * @param policyVersion   version of the policy's stream in force (0 for the configured default policy; null
 *     on events stored before policies were versioned)
 * @param calendarVersion version of the calendar's stream in force (0 for {@code 24x7}; null on older events)
 * @param policiesAsOf    the last policy change in force when the ticket was opened, so that a priority change
 *     re-matches among those policies (null on older events: the policies of the day)
 */
@Revision("1")
public record SlaClockStartedEvent(
        String ticketId,
        SlaMetric metric,
        String policy,
        String calendar,
        Duration target,
        Instant dueAt,
        Instant warnAt,
        Long policyVersion,
        Long calendarVersion,
        Long policiesAsOf) {

    /** A clock without recorded versions, as stored before policies were versioned. */
    public SlaClockStartedEvent(
            String ticketId,
            SlaMetric metric,
            String policy,
            String calendar,
            Duration target,
            Instant dueAt,
            Instant warnAt) {
        this(ticketId, metric, policy, calendar, target, dueAt, warnAt, null, null, null);
    }
}
