package dev.supportdesk.model.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;

/**
 * Resolves the policy in force for a ticket and the calendars that policies name. The Ticket aggregate
 * asks it in its command handlers only, so that replaying stored events never depends on configuration.
 */
public interface SlaPolicies {

    SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel);

    /** The calendar of that name; the 24x7 calendar always exists. */
    WorkingCalendar calendar(String name);
}
