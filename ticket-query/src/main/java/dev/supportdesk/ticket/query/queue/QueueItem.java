package dev.supportdesk.ticket.query.queue;

import dev.supportdesk.ticket.query.projection.TicketRow;
import java.time.Instant;
import java.util.List;

/** One ticket in the queue (docs/api.md, Queries). The detail shows the same fields and more. */
public record QueueItem(
        String id,
        String subject,
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
        SlaBlock sla) {

    public static QueueItem of(TicketRow row) {
        RequesterView requester = new RequesterView(row.requesterName(), row.requesterEmail(), row.requesterPhone());
        SlaBlock sla = new SlaBlock(
                row.slaPolicy(),
                row.firstResponseDueAt(),
                row.nextResponseDueAt(),
                row.resolutionDueAt(),
                row.slaState().name(),
                row.escalationLevel());
        return new QueueItem(
                row.id(),
                row.subject(),
                row.status().name(),
                row.priority().name(),
                name(row.channel()),
                row.assignee(),
                row.group(),
                requester,
                name(row.customerTier()),
                row.tags(),
                row.createdAt(),
                row.updatedAt(),
                row.version(),
                sla);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
