package dev.supportdesk.ticket.command.ticket;

/** The actor's role may not do this to this ticket in its current state (403). */
public final class TicketActionForbiddenException extends TicketCommandRefusedException {

    TicketActionForbiddenException(String ticketId, String message) {
        super(ticketId, message);
    }
}
