package dev.supportdesk.contract.events;

import dev.supportdesk.contract.Priority;
import org.axonframework.serialization.Revision;

/** The priority changed, by a person or by an escalation step; the running SLA clocks are re-targeted. */
@Revision("1")
public record TicketPriorityChangedEvent(
        String ticketId, Priority priority, Priority previousPriority, String reason) {}
