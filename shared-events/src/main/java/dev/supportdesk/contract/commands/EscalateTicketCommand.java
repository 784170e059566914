package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor escalates the ticket by hand. */
public record EscalateTicketCommand(
        @TargetAggregateIdentifier String ticketId, String reason, Long expectedVersion) {}
