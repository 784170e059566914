package dev.supportdesk.ticket.command.ticket;

/**
 * Other requests changed the ticket at the same moment, every time the command was tried: nothing was
 * stored, and the same request may simply be sent again (409).
 */
public final class TicketBusyException extends TicketCommandRefusedException {

    TicketBusyException(String ticketId, int attempts, Throwable lastFailure) {
        super(
                ticketId,
                (ticketId == null
                                ? "The request collided with other requests"
                                : "Ticket " + ticketId + " was changed by other requests")
                        + " at the same time, " + attempts
                        + (attempts == 1 ? " attempt" : " attempts") + " in a row; nothing was stored, try again");
        initCause(lastFailure);
    }
}
