package dev.supportdesk.model.sla;

import dev.supportdesk.contract.SlaPolicyMatch;

/**
 * Which policy matches a ticket (docs/api.md, "SLA configuration"): a policy matches when every field it sets equals
 * the ticket's; among those, the one that sets the most fields wins, and a tie goes to the most recently changed.
 * ticket-command's stored policies and the what-if's given policies both match with these rules, so a what-if under
 * the contracted policies picks the policies the command side picked.
 */
public final class SlaPolicyMatching {

    private SlaPolicyMatching() {}

    /** Whether every field {@code match} sets (none: it matches every ticket) equals the ticket's. */
    public static boolean matches(SlaPolicyMatch match, SlaTicket ticket) {
        return match == null
                || ((match.priority() == null || match.priority() == ticket.priority())
                        && (match.customerTier() == null || match.customerTier() == ticket.customerTier())
                        && (match.channel() == null || match.channel() == ticket.channel()));
    }

    /** How many fields {@code match} sets: the more, the more specific the policy. */
    public static int specificity(SlaPolicyMatch match) {
        if (match == null) {
            return 0;
        }
        return (match.priority() == null ? 0 : 1)
                + (match.customerTier() == null ? 0 : 1)
                + (match.channel() == null ? 0 : 1);
    }
}
