package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The wait on the customer ended (an agent resumed it, or the customer answered): status OPEN. */
@Revision("1")
public record TicketResumedEvent(String ticketId, String reason) {}
