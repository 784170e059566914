package dev.supportdesk.ticket.query.projection;

/**
 * Published (as a Spring application event) for every row the projection writes; listeners use
 * {@code @TransactionalEventListener} so that they see it only after the row has committed.
 */
public record TicketUpdated(String id, long version) {
}
