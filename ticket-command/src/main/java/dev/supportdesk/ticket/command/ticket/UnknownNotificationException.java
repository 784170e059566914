package dev.supportdesk.ticket.command.ticket;

/** A delivery report names a supervisor notification the ticket never asked for (409, reason UNKNOWN_NOTIFICATION). */
public final class UnknownNotificationException extends TicketCommandRefusedException {

    UnknownNotificationException(String ticketId, String notificationId) {
        super(ticketId, "Ticket " + ticketId + " asked for no supervisor notification " + notificationId);
    }
}
