package dev.supportdesk.ticket.query.projection;

/**
 * A ticket row reached a version: published as a Spring application event by {@link TicketUpdates} once the
 * change has committed, whichever instance applied it.
 */
public record TicketUpdated(String id, long version) {}
