package dev.supportdesk.model.sla;

import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockCancelledEvent;
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
import java.util.Map;
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
        // Every clock of the ticket, now and later, matches among the policies in force at this change.
        SlaTicket opened =
                new SlaTicket(ticket.priority(), ticket.customerTier(), ticket.channel(), policies.currentChange());
        List<SlaClockStartedEvent> started = new ArrayList<>();
        for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)) {
            start(ticketId, metric, opened, now).ifPresent(started::add);
        }
        return started;
    }

    /** A public reply meets the first-response and the next-response clocks, running or paused. */
    public List<SlaClockMetEvent> replied(String ticketId, Map<SlaMetric, SlaClock> clocks, Instant now) {
        List<SlaClockMetEvent> met = new ArrayList<>();
        for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)) {
            if (clocks.containsKey(metric)) {
                met.add(met(ticketId, clocks.get(metric), now));
            }
        }
        return met;
    }

    /**
     * A customer wrote after the ticket was answered: the next-response clock starts, unless one runs already
     * (it measures the oldest unanswered message).
     */
    public Optional<SlaClockStartedEvent> customerMessaged(
            String ticketId, Map<SlaMetric, SlaClock> clocks, boolean answeredBefore, SlaTicket ticket, Instant now) {
        if (!answeredBefore || clocks.containsKey(SlaMetric.NEXT_RESPONSE)) {
            return Optional.empty();
        }
        return start(ticketId, SlaMetric.NEXT_RESPONSE, ticket, now);
    }

    /** Resolving meets every clock still on the ticket. */
    public List<SlaClockMetEvent> resolved(String ticketId, Map<SlaMetric, SlaClock> clocks, Instant now) {
        return clocks.values().stream().map(clock -> met(ticketId, clock, now)).toList();
    }

    /** A reopened ticket's resolution clock starts again from zero with its full target. */
    public Optional<SlaClockStartedEvent> reopened(String ticketId, SlaTicket ticket, Instant now) {
        return start(ticketId, SlaMetric.RESOLUTION, ticket, now);
    }

    /** A ticket merged into another measures nothing more: every clock is cancelled. */
    public List<SlaClockCancelledEvent> merged(String ticketId, Map<SlaMetric, SlaClock> clocks, String intoTicketId) {
        return clocks.keySet().stream()
                .map(metric -> new SlaClockCancelledEvent(ticketId, metric, "merged into " + intoTicketId))
                .toList();
    }

    /** The metric's clock started now with its full target, when the ticket's policy has one for it. */
    public Optional<SlaClockStartedEvent> start(String ticketId, SlaMetric metric, SlaTicket ticket, Instant now) {
        SlaPolicy policy = policyOf(ticket);
        return policy.target(metric).map(target -> {
            WorkingCalendar calendar = policies.calendar(policy.calendar(), policy.calendarVersion());
            return new SlaClockStartedEvent(
                    ticketId,
                    metric,
                    policy.name(),
                    calendar.name(),
                    target,
                    calendar.plus(now, target),
                    calendar.plus(now, policy.warnAfter(target)),
                    policy.version(),
                    policy.calendarVersion(),
                    ticket.policiesAsOf());
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
        List<SlaClockResumedEvent> resumed = new ArrayList<>();
        for (SlaClock clock : clocks) {
            if (clock.paused()) {
                SlaPolicy policy = policyOf(clock, ticket);
                Instant dueAt = calendarOf(clock).plus(now, clock.remaining());
                resumed.add(new SlaClockResumedEvent(
                        ticketId,
                        clock.metric(),
                        dueAt,
                        warnAt(clock, policy, calendarOf(clock), clock.target(), clock.remaining(), now)));
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
                    || (newTarget.get().equals(clock.target())
                            && policy.name().equals(clock.policy())
                            && (clock.policyVersion() == null || clock.policyVersion() == policy.version()))) {
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
            // The working time left counts in the new policy's calendar from now on.
            WorkingCalendar calendar = policies.calendar(policy.calendar(), policy.calendarVersion());
            if (clock.running()) {
                dueAt = calendar.plus(now, remaining);
                warnAt = warnAt(clock, policy, calendar, target, remaining, now);
            }
            retargeted.add(new SlaClockRetargetedEvent(
                    ticketId,
                    clock.metric(),
                    policy.name(),
                    target,
                    remaining,
                    dueAt,
                    warnAt,
                    policy.version(),
                    calendar.name(),
                    policy.calendarVersion()));
        }
        return retargeted;
    }

    /**
     * The escalation steps a clock runs when it reaches {@code stage}, from the policy version it recorded. A
     * breach is always one step, with the policy's actions or none; a warning step without actions is none.
     */
    public List<EscalationStep> escalationSteps(SlaClock clock, EscalationTrigger stage) {
        List<EscalationStep> steps = policies
                .policy(clock.policy(), clock.policyVersion())
                .map(policy -> policy.stepsAt(stage, clock.metric()))
                .orElse(List.of())
                .stream()
                .filter(step -> step.actions() != null && !step.actions().isEmpty())
                .toList();
        if (steps.isEmpty() && stage == EscalationTrigger.BREACH) {
            return List.of(new EscalationStep(stage, clock.metric(), List.of(), null));
        }
        return steps;
    }

    /** The supervisor webhook of the policy version a clock recorded; null for the platform's. */
    public String webhookUrl(SlaClock clock) {
        return policies.policy(clock.policy(), clock.policyVersion())
                .map(SlaPolicy::webhookUrl)
                .orElse(null);
    }

    private SlaPolicy policyOf(SlaTicket ticket) {
        return policies.resolve(ticket, ticket.policiesAsOf());
    }

    /** The policy version a clock recorded (its warning share), else the one that matches the ticket. */
    private SlaPolicy policyOf(SlaClock clock, SlaTicket ticket) {
        return policies.policy(clock.policy(), clock.policyVersion()).orElseGet(() -> policyOf(ticket));
    }

    /** The calendar version a clock recorded, so that a resume counts in the calendar it started in. */
    private WorkingCalendar calendarOf(SlaClock clock) {
        return policies.calendar(clock.calendar(), clock.calendarVersion());
    }

    /** Working time left on a clock at {@code now}; negative once it is overdue. */
    private Duration remainingAt(SlaClock clock, Instant now) {
        if (clock.paused()) {
            return clock.remaining();
        }
        return calendarOf(clock).between(now, clock.dueAt());
    }

    /**
     * The warning instant of a clock with {@code remaining} left of {@code target}: where the policy's share
     * of the target will have been used. Null once the warning was recorded or that point has passed.
     */
    private Instant warnAt(
            SlaClock clock,
            SlaPolicy policy,
            WorkingCalendar calendar,
            Duration target,
            Duration remaining,
            Instant now) {
        if (clock.warned()) {
            return null;
        }
        Duration untilWarning = policy.warnAfter(target).minus(target.minus(remaining));
        if (untilWarning.isNegative()) {
            return null;
        }
        return calendar.plus(now, untilWarning);
    }
}
