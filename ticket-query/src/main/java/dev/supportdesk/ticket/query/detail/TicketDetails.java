package dev.supportdesk.ticket.query.detail;

import dev.supportdesk.ticket.query.queue.QueueItem;
import dev.supportdesk.ticket.query.queue.QueueItemRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Reads a ticket's detail: its row and its conversation, in one consistent snapshot. */
@Repository
class TicketDetails {

    private final JdbcTemplate jdbc;

    TicketDetails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // Repeatable read: the row and the conversation belong to the same version.
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Optional<TicketDetail> find(String id) {
        return jdbc.query("SELECT * FROM ticket WHERE id = ?", (rs, row) -> {
            QueueItem item = QueueItemRowMapper.INSTANCE.mapRow(rs, row);
            return new Object[]{item, rs.getString("description"), rs.getString("resolution"),
                    rs.getString("merged_into")};
        }, id).stream().findFirst().map(columns -> TicketDetail.of((QueueItem) columns[0], (String) columns[1],
                (String) columns[2], (String) columns[3], conversation(id)));
    }

    /** The version the read model holds for a ticket, 0 when it has not seen the ticket yet. */
    long version(String id) {
        return jdbc.query("SELECT version FROM ticket WHERE id = ?", (rs, row) -> rs.getLong(1), id)
                .stream().findFirst().orElse(0L);
    }

    private List<TicketDetail.ConversationItem> conversation(String id) {
        return jdbc.query("SELECT kind, author, at, body FROM ticket_conversation WHERE ticket_id = ? ORDER BY version",
                (rs, row) -> new TicketDetail.ConversationItem(rs.getString("kind"), rs.getString("author"),
                        QueueItemRowMapper.instant(rs, "at"), rs.getString("body")), id);
    }
}
