package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An SLA clock started with its due and warning instants in the policy's calendar; sla-monitor schedules them. */
@Revision("1")
public record SlaClockStartedEvent(
        String ticketId,
        SlaMetric metric,
        String policy,
        String calendar,
        Duration target,
        Instant dueAt,
        Instant warnAt) {}
