package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End the wait on the customer. */
public record ResumeTicketCommand(@TargetAggregateIdentifier String ticketId, String reason, Long expectedVersion) {}
