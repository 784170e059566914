package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** A resolved ticket was reopened (by an agent, or by a customer message): status OPEN; resolution restarts. */
@Revision("1")
public record TicketReopenedEvent(String ticketId, String reason) {}
