package dev.supportdesk.model.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;

/** What an SLA policy matches a ticket by. */
public record SlaTicket(Priority priority, CustomerTier customerTier, Channel channel) {}
