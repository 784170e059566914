package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.model.view.TicketView;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where the projection keeps its rows: PostgreSQL in the service, a map in unit tests. */
interface TicketRows {

    Optional<TicketView> find(String ticketId);

    /** The rows of those tickets that have one, by id. */
    Map<String, TicketView> findAll(Collection<String> ticketIds);

    /**
     * Writes each view's row and the conversation entries it added, and a notification of its version to the live
     * screens; within the caller's transaction.
     */
    void saveAll(Collection<TicketView> views);
}
