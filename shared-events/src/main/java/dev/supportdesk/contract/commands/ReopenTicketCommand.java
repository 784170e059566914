package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a resolved ticket. */
public record ReopenTicketCommand(@TargetAggregateIdentifier String ticketId, String reason, Long expectedVersion) {}
