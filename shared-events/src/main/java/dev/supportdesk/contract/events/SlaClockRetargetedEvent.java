package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A priority change moved a clock to another policy's target; dueAt and warnAt are null while it is paused. */
@Revision("1")
public record SlaClockRetargetedEvent(
        String ticketId,
        SlaMetric metric,
        String policy,
        Duration target,
        Duration remaining,
        Instant dueAt,
        Instant warnAt) {}
