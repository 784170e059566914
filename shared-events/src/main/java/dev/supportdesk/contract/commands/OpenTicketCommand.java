package dev.supportdesk.contract.commands;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a new request as a ticket; the id is chosen by ticket-command before dispatch. */
public record OpenTicketCommand(
        @TargetAggregateIdentifier String ticketId,
        String subject,
        String description,
        Channel channel,
        Priority priority,
        Requester requester,
        CustomerTier customerTier,
        List<String> tags) {}
