package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A priority change moved a clock to another policy's target; dueAt and warnAt are null while it is paused.
 *
 * @param policyVersion   version of the new policy (null on older events)
 * @param calendar        the calendar the clock counts in from now on (null on older events: unchanged)
 * @param calendarVersion its version (null on older events)
 */
@Revision("1")
public record SlaClockRetargetedEvent(
        String ticketId,
        SlaMetric metric,
        String policy,
        Duration target,
        Duration remaining,
        Instant dueAt,
        Instant warnAt,
        Long policyVersion,
        String calendar,
        Long calendarVersion) {

    /** A re-target without recorded versions, as stored before policies were versioned. */
    public SlaClockRetargetedEvent(
            String ticketId,
            SlaMetric metric,
            String policy,
            Duration target,
            Duration remaining,
            Instant dueAt,
            Instant warnAt) {
        this(ticketId, metric, policy, target, remaining, dueAt, warnAt, null, null, null);
    }
}
