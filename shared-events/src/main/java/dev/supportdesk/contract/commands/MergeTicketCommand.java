package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close this ticket as merged into another that survives. */
public record MergeTicketCommand(
        @TargetAggregateIdentifier String ticketId, String intoTicketId, Long expectedVersion) {}
