package dev.supportdesk.ticket.query.queue;

import java.time.Instant;

/** The {@code sla} block of a queue item and a detail; a due instant is null while that clock does not run. */
public record SlaBlock(
        String policy,
        Instant firstResponseDueAt,
        Instant nextResponseDueAt,
        Instant resolutionDueAt,
        String state,
        int escalationLevel) {}
