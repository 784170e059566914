package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the ticket to an agent and/or a group; expectedVersion (If-Match) may be null. */
public record AssignTicketCommand(
        @TargetAggregateIdentifier String ticketId, String assignee, String group, Long expectedVersion) {}
