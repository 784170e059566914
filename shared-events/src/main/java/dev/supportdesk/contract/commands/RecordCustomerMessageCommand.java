package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the customer wrote or called back. */
public record RecordCustomerMessageCommand(
        @TargetAggregateIdentifier String ticketId, String body, Long expectedVersion) {}
