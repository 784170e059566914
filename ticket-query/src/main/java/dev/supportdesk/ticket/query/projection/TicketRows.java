package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.model.view.TicketView;
import java.util.Optional;

/** Where the projection keeps its rows: PostgreSQL in the service, a map in unit tests. */
interface TicketRows {

    Optional<TicketView> find(String ticketId);

    /** Writes the row and the conversation entries the view added; within the caller's transaction. */
    void save(TicketView view);
}
