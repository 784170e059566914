package dev.supportdesk.ticket.command.ticket;

/** A ticket command the aggregate refused; nothing was stored. The web layer maps each kind to its status. */
public abstract sealed class TicketCommandRefusedException extends RuntimeException
        permits TicketStateConflictException, StaleTicketVersionException, TicketActionForbiddenException {

    private final String ticketId;

    TicketCommandRefusedException(String ticketId, String message) {
        super(message);
        this.ticketId = ticketId;
    }

    public String ticketId() {
        return ticketId;
    }
}
