package dev.supportdesk.ticket.command.ticket;

/** A ticket and its version after a command: the number of events in its stream. */
public record TicketVersion(String ticketId, long version) {}
