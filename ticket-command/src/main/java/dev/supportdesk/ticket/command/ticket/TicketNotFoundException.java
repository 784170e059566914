package dev.supportdesk.ticket.command.ticket;

/** The command names a ticket that has no events (404). */
public final class TicketNotFoundException extends TicketCommandRefusedException {

    TicketNotFoundException(String ticketId, String message) {
        super(ticketId, message);
    }

    static TicketNotFoundException ticket(String ticketId) {
        return new TicketNotFoundException(ticketId, "Ticket " + ticketId + " does not exist");
    }

    static TicketNotFoundException mergeTarget(String ticketId) {
        return new TicketNotFoundException(ticketId, "Merge target " + ticketId + " does not exist");
    }
}
