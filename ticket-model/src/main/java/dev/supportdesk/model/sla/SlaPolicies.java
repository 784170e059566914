package dev.supportdesk.model.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import java.util.Optional;

/**
 * Resolves the policy in force for a ticket and the calendars that policies name. The Ticket aggregate
 * asks it in its command handlers only, so that replaying stored events never depends on configuration.
 */
public interface SlaPolicies {

    /** The policy that matches a ticket opened now. */
    SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel);

    /** The calendar of that name as it is now; the 24x7 calendar always exists. */
    WorkingCalendar calendar(String name);

    /**
     * The number of the last policy change so far: a ticket records it when it opens, so that a later priority
     * change re-matches among the policies in force then.
     */
    default long currentChange() {
        return 0;
    }

    /** The policy that matched a ticket among the policies in force after change {@code asOf} (null: now). */
    default SlaPolicy resolve(SlaTicket ticket, Long asOf) {
        return resolve(ticket.priority(), ticket.customerTier(), ticket.channel());
    }

    /** That version of a calendar (null: the current one). */
    default WorkingCalendar calendar(String name, Long version) {
        return calendar(name);
    }

    /** That version of a policy, as a clock recorded it; empty when unknown. */
    default Optional<SlaPolicy> policy(String name, Long version) {
        return Optional.empty();
    }
}
