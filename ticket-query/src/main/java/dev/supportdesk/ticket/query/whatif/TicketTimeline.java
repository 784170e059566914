package dev.supportdesk.ticket.query.whatif;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.ticket.query.report.SlaStepKind;
import java.time.Instant;
import java.util.List;

/**
 * One ticket of a what-if: what the report projection holds of it, its contracted outcomes (as the SLA report counts
 * them) and its SLA timeline in version order.
 *
 * @param groupKey the value the report groups it by (null: no assignee or group)
 */
record TicketTimeline(
        String ticketId,
        String groupKey,
        Channel channel,
        CustomerTier customerTier,
        Outcomes contracted,
        List<Step> steps) {

    /** One event that moves SLA clocks; {@code priority} is set for OPENED and PRIORITY_CHANGED. */
    record Step(long version, Instant at, SlaStepKind kind, Priority priority) {}
}
