package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** A resolved ticket was closed for good: status CLOSED, final. */
@Revision("1")
public record TicketClosedEvent(String ticketId) {}
