package dev.supportdesk.model.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;

/**
 * What an SLA policy matches a ticket by.
 *
 * @param policiesAsOf the last policy change in force when the ticket was opened; null for a ticket being
 *     opened now (or one opened before changes were recorded: matched among today's policies)
 */
public record SlaTicket(Priority priority, CustomerTier customerTier, Channel channel, Long policiesAsOf) {

    public SlaTicket(Priority priority, CustomerTier customerTier, Channel channel) {
        this(priority, customerTier, channel, null);
    }
}
