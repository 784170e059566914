package dev.supportdesk.model.sla;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SLA clock arithmetic of a ticket: which clock facts a change of the ticket causes, with their due and
 * warning instants, counted in working time of each clock's calendar under the policy that matches the ticket.
 * The Ticket aggregate asks it in its command handlers and applies what it answers; nothing here keeps state,
 * reads a clock or knows Axon, so the same question gets the same answer.
 */
public final class SlaClockCalculator {

    private final SlaPolicies policies;

    public SlaClockCalculator(SlaPolicies policies) {
        this.policies = policies;
    }

    /**
     * The clocks a new ticket starts: first response and resolution. Next response runs from a customer
     * message to the next reply; the opening request is answered by the first response, so it starts only
     * when the customer writes again.
     */
    public List<SlaClockStartedEvent> opened(String ticketId, SlaTicket ticket, Instant now) {
        List<SlaClockStartedEvent> started = new ArrayList<>();
        for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)) {
            start(ticketId, metric, ticket, now).ifPresent(started::add);
        }
        return started;
    }

    /** The metric's clock started now with its full target, when the ticket's policy has one for it. */
    public Optional<SlaClockStartedEvent> start(String ticketId, SlaMetric metric, SlaTicket ticket, Instant now) {
        SlaPolicy policy = policyOf(ticket);
        return policy.target(metric).map(target -> {
            WorkingCalendar calendar = policies.calendar(policy.calendar());
            return new SlaClockStartedEvent(
                    ticketId,
                    metric,
                    policy.name(),
                    calendar.name(),
                    target,
                    calendar.plus(now, target),
                    calendar.plus(now, policy.warnAfter(target)));
        });
    }

    /** The clock stops now, running or paused: the working time it used of its target. */
    public SlaClockMetEvent met(String ticketId, SlaClock clock, Instant now) {
        return new SlaClockMetEvent(ticketId, clock.metric(), clock.target().minus(remainingAt(clock, now)));
    }

    /** Every running clock pauses with the working time it has left, never less than none. */
    public List<SlaClockPausedEvent> paused(String ticketId, Collection<SlaClock> clocks, Instant now) {
        List<SlaClockPausedEvent> paused = new ArrayList<>();
        for (SlaClock clock : clocks) {
            if (clock.running()) {
                Duration remaining = remainingAt(clock, now);
                paused.add(new SlaClockPausedEvent(
                        ticketId, clock.metric(), remaining.isNegative() ? Duration.ZERO : remaining));
            }
        }
        return paused;
    }

    /**
     * Every paused clock runs again from now with the time it had left; its warning instant is gone when the
     * warning was recorded or its point lies in the past.
     */
    public List<SlaClockResumedEvent> resumed(
            String ticketId, Collection<SlaClock> clocks, SlaTicket ticket, Instant now) {
        SlaPolicy policy = policyOf(ticket);
        List<SlaClockResumedEvent> resumed = new ArrayList<>();
        for (SlaClock clock : clocks) {
            if (clock.paused()) {
                Instant dueAt = policies.calendar(clock.calendar()).plus(now, clock.remaining());
                resumed.add(new SlaClockResumedEvent(
                        ticketId,
                        clock.metric(),
                        dueAt,
                        warnAt(clock, policy, clock.target(), clock.remaining(), now)));
            }
        }
        return resumed;
    }

    /**
     * Every clock whose target or policy changes under the policy that now matches the ticket (after a
     * priority change): the working time already used is kept, the rest is the new target less it (at least
     * none). A running clock gets new due and warning instants; a paused one only its new remaining time.
     * A clock the new policy has no target for keeps running as it was.
     */
    public List<SlaClockRetargetedEvent> retargeted(
            String ticketId, Collection<SlaClock> clocks, SlaTicket ticket, Instant now) {
        SlaPolicy policy = policyOf(ticket);
        List<SlaClockRetargetedEvent> retargeted = new ArrayList<>();
        for (SlaClock clock : clocks) {
            Optional<Duration> newTarget = policy.target(clock.metric());
            if (newTarget.isEmpty()
                    || (newTarget.get().equals(clock.target()) && policy.name().equals(clock.policy()))) {
                continue;
            }
            Duration target = newTarget.get();
            Duration elapsed = clock.target().minus(remainingAt(clock, now));
            Duration remaining = target.minus(elapsed);
            if (remaining.isNegative()) {
                remaining = Duration.ZERO;
            }
            Instant dueAt = null;
            Instant warnAt = null;
            if (clock.running()) {
                dueAt = policies.calendar(clock.calendar()).plus(now, remaining);
                warnAt = warnAt(clock, policy, target, remaining, now);
            }
            retargeted.add(new SlaClockRetargetedEvent(
                    ticketId, clock.metric(), policy.name(), target, remaining, dueAt, warnAt));
        }
        return retargeted;
    }

    private SlaPolicy policyOf(SlaTicket ticket) {
        return policies.resolve(ticket.priority(), ticket.customerTier(), ticket.channel());
    }

    /** Working time left on a clock at {@code now}; negative once it is overdue. */
    private Duration remainingAt(SlaClock clock, Instant now) {
        if (clock.paused()) {
            return clock.remaining();
        }
        return policies.calendar(clock.calendar()).between(now, clock.dueAt());
    }

    /**
     * The warning instant of a clock with {@code remaining} left of {@code target}: where the policy's share
     * of the target will have been used. Null once the warning was recorded or that point has passed.
     */
    private Instant warnAt(SlaClock clock, SlaPolicy policy, Duration target, Duration remaining, Instant now) {
        if (clock.warned()) {
            return null;
        }
        Duration untilWarning = policy.warnAfter(target).minus(target.minus(remaining));
        if (untilWarning.isNegative()) {
            return null;
        }
        return policies.calendar(clock.calendar()).plus(now, untilWarning);
    }
}
