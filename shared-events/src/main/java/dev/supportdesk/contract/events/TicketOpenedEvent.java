package dev.supportdesk.contract.events;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A request was recorded as a ticket on some channel; status NEW. The SLA clocks start in the same command. */
@Revision("1")
public record TicketOpenedEvent(
        String ticketId,
        String subject,
        String description,
        Channel channel,
        Priority priority,
        Requester requester,
        CustomerTier customerTier,
        List<String> tags) {}
