package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The ticket was merged into another that survives: status CLOSED, its clocks cancelled. */
@Revision("1")
public record TicketMergedEvent(String ticketId, String intoTicketId) {}
