package dev.supportdesk.contract.commands;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add and remove tags. */
public record ChangeTagsCommand(
        @TargetAggregateIdentifier String ticketId, List<String> add, List<String> remove, Long expectedVersion) {}
