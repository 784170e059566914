package dev.supportdesk.ticket.command.ticket;

import dev.supportdesk.contract.TicketStatus;

/** The lifecycle does not allow the command in the ticket's current state (409). */
public final class TicketStateConflictException extends TicketCommandRefusedException {

    private final TicketStatus status;

    TicketStateConflictException(String ticketId, TicketStatus status, String message) {
        super(ticketId, message);
        this.status = status;
    }

    static TicketStateConflictException notAllowed(String ticketId, TicketStatus status, String action) {
        return new TicketStateConflictException(
                ticketId, status, "Ticket " + ticketId + " is " + status + ": cannot " + action);
    }

    public TicketStatus status() {
        return status;
    }
}
