package dev.supportdesk.contract.commands;

import dev.supportdesk.contract.Priority;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set another priority; the running SLA clocks are re-targeted. */
public record ChangePriorityCommand(
        @TargetAggregateIdentifier String ticketId, Priority priority, String reason, Long expectedVersion) {}
