package dev.supportdesk.ticket.command.ticket;

/** The caller used an Idempotency-Key again with another request body (422); ticketId is the first request's. */
public final class IdempotencyKeyReusedException extends TicketCommandRefusedException {

    IdempotencyKeyReusedException(String ticketId, String key) {
        super(ticketId, "Idempotency-Key " + key + " was already used with another request body");
    }
}
