package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resolve the ticket. */
public record ResolveTicketCommand(
        @TargetAggregateIdentifier String ticketId, String resolution, Long expectedVersion) {}
