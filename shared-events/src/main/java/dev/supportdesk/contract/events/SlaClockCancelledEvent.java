package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import org.axonframework.serialization.Revision;

/** An SLA clock stopped without being met or breached (the ticket was merged away). */
@Revision("1")
public record SlaClockCancelledEvent(String ticketId, SlaMetric metric, String reason) {}
