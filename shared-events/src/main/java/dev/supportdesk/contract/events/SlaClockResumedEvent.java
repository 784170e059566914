package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A paused SLA clock runs again with new due and warning instants (warnAt null once passed). */
@Revision("1")
public record SlaClockResumedEvent(String ticketId, SlaMetric metric, Instant dueAt, Instant warnAt) {}
