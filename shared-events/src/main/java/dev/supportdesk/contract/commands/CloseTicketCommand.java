package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a resolved ticket for good. */
public record CloseTicketCommand(@TargetAggregateIdentifier String ticketId, Long expectedVersion) {}
