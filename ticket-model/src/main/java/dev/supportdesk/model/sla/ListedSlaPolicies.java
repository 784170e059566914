package dev.supportdesk.model.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaPolicyMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed set of policies and calendars held in memory, for questions about other SLA configurations than the one in
 * force (what-if): policies match by {@link SlaPolicyMatching}, the later listed one winning a tie as the most
 * recently changed one does in the store. A ticket that no policy matches gets {@link #UNMATCHED}, a policy without
 * targets, so that no clock starts for it. Versions are ignored: every policy and calendar has one version here.
 */
public final class ListedSlaPolicies implements SlaPolicies {

    /** The name of the policy without targets that a ticket no listed policy matches gets. */
    public static final String UNMATCHED = "(none)";

    /** A policy and the tickets it matches. */
    public record MatchedPolicy(SlaPolicyMatch match, SlaPolicy policy) {}

    private static final SlaPolicy NONE = new SlaPolicy(UNMATCHED, TwentyFourSevenCalendar.NAME, 100, Map.of());

    private final List<MatchedPolicy> policies;
    private final Map<String, WorkingCalendar> calendars = new LinkedHashMap<>();

    /**
     * @param policies  in the order of their changes (a tie goes to the later one)
     * @param calendars by name, besides {@code 24x7} which always exists; every policy's calendar must be one of them
     */
    public ListedSlaPolicies(List<MatchedPolicy> policies, Map<String, WorkingCalendar> calendars) {
        this.policies = List.copyOf(policies);
        this.calendars.put(TwentyFourSevenCalendar.NAME, new TwentyFourSevenCalendar());
        calendars.forEach((name, calendar) -> {
            if (!TwentyFourSevenCalendar.NAME.equals(name)) {
                this.calendars.put(name, calendar);
            }
        });
        for (MatchedPolicy listed : this.policies) {
            if (!this.calendars.containsKey(listed.policy().calendar())) {
                throw new IllegalArgumentException("Policy " + listed.policy().name() + " names an unknown calendar "
                        + listed.policy().calendar());
            }
        }
    }

    @Override
    public SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel) {
        return resolve(new SlaTicket(priority, tier, channel), null);
    }

    @Override
    public SlaPolicy resolve(SlaTicket ticket, Long asOf) {
        MatchedPolicy best = null;
        for (MatchedPolicy listed : policies) {
            if (SlaPolicyMatching.matches(listed.match(), ticket)
                    && (best == null
                            || SlaPolicyMatching.specificity(listed.match())
                                    >= SlaPolicyMatching.specificity(best.match()))) {
                best = listed;
            }
        }
        return best == null ? NONE : best.policy();
    }

    @Override
    public WorkingCalendar calendar(String name) {
        WorkingCalendar calendar = calendars.get(name);
        if (calendar == null) {
            throw new IllegalArgumentException("Unknown calendar " + name);
        }
        return calendar;
    }

    @Override
    public Optional<SlaPolicy> policy(String name, Long version) {
        if (UNMATCHED.equals(name)) {
            return Optional.of(NONE);
        }
        return policies.stream()
                .map(MatchedPolicy::policy)
                .filter(policy -> policy.name().equals(name))
                .findFirst();
    }
}
