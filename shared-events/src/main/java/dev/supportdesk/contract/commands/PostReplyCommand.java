package dev.supportdesk.contract.commands;

import dev.supportdesk.contract.Visibility;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answer the customer (PUBLIC) or add a note (INTERNAL). */
public record PostReplyCommand(
        @TargetAggregateIdentifier String ticketId, String body, Visibility visibility, Long expectedVersion) {}
