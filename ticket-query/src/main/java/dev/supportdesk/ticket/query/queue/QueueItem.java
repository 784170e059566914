package dev.supportdesk.ticket.query.queue;

import java.time.Instant;
import java.util.List;

/** One ticket in the queue (API.md, Queries). The detail shows the same fields and more. */
public record QueueItem(String id, String subject, String status, String priority, String channel, String assignee,
                        String group, RequesterView requester, String customerTier, List<String> tags,
                        Instant createdAt, Instant updatedAt, long version, SlaBlock sla) {
}
