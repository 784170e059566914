package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The ticket was resolved: status RESOLVED; the running SLA clocks stop. */
@Revision("1")
public record TicketResolvedEvent(String ticketId, String resolution) {}
