package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.model.view.SlaState;
import java.time.Instant;
import java.util.List;

/**
 * A ticket's row as {@link TicketTable} reads it for the queue and the detail: the columns as the projection stored
 * them, the derived SLA fields included. A due instant is null while that clock does not run.
 */
public record TicketRow(
        String id,
        long version,
        String subject,
        String description,
        TicketStatus status,
        Priority priority,
        Channel channel,
        String assignee,
        String group,
        String requesterName,
        String requesterEmail,
        String requesterPhone,
        CustomerTier customerTier,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        String resolution,
        String mergedInto,
        String slaPolicy,
        Instant firstResponseDueAt,
        Instant nextResponseDueAt,
        Instant resolutionDueAt,
        SlaState slaState,
        int escalationLevel) {}
