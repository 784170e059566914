package dev.supportdesk.ticket.query.presence;

/**
 * Someone arrived on a ticket, left it, expired or changed activity: published as a Spring application event on
 * every ticket-query instance (by {@link PresenceUpdates}) once the change has committed; the stream sends it on as
 * {@code presence-updated}.
 */
public record PresenceChanged(String ticketId) {}
