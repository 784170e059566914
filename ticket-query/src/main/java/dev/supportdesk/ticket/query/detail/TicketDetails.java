package dev.supportdesk.ticket.query.detail;

import dev.supportdesk.ticket.query.projection.TicketTable;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads a ticket's detail: its row and its conversation, in one consistent snapshot. */
@Service
class TicketDetails {

    private final TicketTable table;

    TicketDetails(TicketTable table) {
        this.table = table;
    }

    // Repeatable read: the row and the conversation belong to the same version.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<TicketDetail> find(String id) {
        return table.row(id).map(row -> TicketDetail.of(row, table.conversation(id)));
    }

    /** The version the read model holds for a ticket, 0 when it has not seen the ticket yet. */
    long version(String id) {
        return table.version(id);
    }
}
