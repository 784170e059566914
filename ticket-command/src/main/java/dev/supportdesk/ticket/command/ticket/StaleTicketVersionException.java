package dev.supportdesk.ticket.command.ticket;

/** If-Match named a version after which a person changed the ticket, or one it never had (412). */
public final class StaleTicketVersionException extends TicketCommandRefusedException {

    private StaleTicketVersionException(String ticketId, String message) {
        super(ticketId, message);
    }

    static StaleTicketVersionException changedSince(String ticketId, long expected, long changedAt) {
        return new StaleTicketVersionException(
                ticketId,
                "Ticket " + ticketId + " was changed at version " + changedAt + " after the expected version "
                        + expected);
    }

    static StaleTicketVersionException unknownVersion(String ticketId, long expected, long current) {
        return new StaleTicketVersionException(
                ticketId, "Ticket " + ticketId + " has no version " + expected + " (current version " + current + ")");
    }
}
