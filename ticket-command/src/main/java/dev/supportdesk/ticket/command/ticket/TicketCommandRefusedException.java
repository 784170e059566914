package dev.supportdesk.ticket.command.ticket;

/**
 * A ticket command that was refused, by the aggregate or by {@link TicketCommands}; nothing was stored. The web
 * layer maps each kind to its status.
 */
public abstract sealed class TicketCommandRefusedException extends RuntimeException
        permits TicketStateConflictException,
                StaleTicketVersionException,
                TicketActionForbiddenException,
                TicketNotFoundException,
                TicketBusyException,
                IdempotencyKeyReusedException,
                SlaNotDueException,
                UnknownNotificationException {

    private final String ticketId;

    TicketCommandRefusedException(String ticketId, String message) {
        super(message);
        this.ticketId = ticketId;
    }

    public String ticketId() {
        return ticketId;
    }
}
