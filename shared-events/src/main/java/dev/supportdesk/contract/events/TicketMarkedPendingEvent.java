package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The ticket waits on the customer: status PENDING; the SLA clocks pause. */
@Revision("1")
public record TicketMarkedPendingEvent(String ticketId, String reason) {}
