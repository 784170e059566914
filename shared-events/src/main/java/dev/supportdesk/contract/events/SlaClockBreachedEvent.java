package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** sla-monitor saw a running clock pass its due instant; a breach is never undone. */
@Revision("1")
public record SlaClockBreachedEvent(String ticketId, SlaMetric metric, Instant dueAt) {}
