package dev.supportdesk.ticket.query.detail;

import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.ticket.query.projection.TicketRow;
import dev.supportdesk.ticket.query.queue.QueueItem;
import dev.supportdesk.ticket.query.queue.RequesterView;
import dev.supportdesk.ticket.query.queue.SlaBlock;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/tickets/{id}}: every field of a queue item plus description, resolution, merge and conversation. */
record TicketDetail(
        String id,
        String subject,
        String description,
        String status,
        String priority,
        String channel,
        String assignee,
        String group,
        RequesterView requester,
        String customerTier,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String resolution,
        String mergedInto,
        SlaBlock sla,
        List<ConversationItem> conversation) {

    /**
     * One reply, note or customer message; {@code kind} is PUBLIC_REPLY, INTERNAL_NOTE or CUSTOMER_MESSAGE, {@code
     * version} the ticket version of the event that added it (the history's, so the two interleave exactly).
     */
    record ConversationItem(String kind, String author, Instant at, String body, long version) {}

    static TicketDetail of(TicketRow row, List<ConversationEntry> entries) {
        QueueItem item = QueueItem.of(row);
        List<ConversationItem> conversation = entries.stream()
                .map(e -> new ConversationItem(e.kind().name(), e.author(), e.at(), e.body(), e.version()))
                .toList();
        return new TicketDetail(
                item.id(),
                item.subject(),
                row.description(),
                item.status(),
                item.priority(),
                item.channel(),
                item.assignee(),
                item.group(),
                item.requester(),
                item.customerTier(),
                item.tags(),
                item.createdAt(),
                item.updatedAt(),
                item.version(),
                row.resolution(),
                row.mergedInto(),
                item.sla(),
                conversation);
    }
}
