package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add to the surviving ticket the internal note that another ticket was merged into it. */
public record NoteMergedTicketCommand(
        @TargetAggregateIdentifier String ticketId, String sourceTicketId) {}
