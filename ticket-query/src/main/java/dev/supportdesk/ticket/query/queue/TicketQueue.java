package dev.supportdesk.ticket.query.queue;

import dev.supportdesk.ticket.query.projection.TicketTable;
import org.springframework.stereotype.Service;

/** Answers queue queries from the ticket rows. */
@Service
class TicketQueue {

    private final TicketTable table;

    TicketQueue(TicketTable table) {
        this.table = table;
    }

    QueuePage find(QueueQuery query) {
        TicketTable.Filter filter = new TicketTable.Filter(
                query.statuses(),
                query.assignee() != null && query.assignee().unassigned(),
                query.assignee() == null ? null : query.assignee().name(),
                query.group(),
                query.priorities(),
                query.channels(),
                query.tag(),
                query.text(),
                query.slaStates());
        TicketTable.Page page = table.search(filter, query.sort().order, query.page(), query.size());
        return new QueuePage(
                page.rows().stream().map(QueueItem::of).toList(), query.page(), query.size(), page.total());
    }
}
