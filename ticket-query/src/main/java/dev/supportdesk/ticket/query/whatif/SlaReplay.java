package dev.supportdesk.ticket.query.whatif;

import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.model.sla.SlaClock;
import dev.supportdesk.model.sla.SlaClockCalculator;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaTicket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one ticket's SLA timeline under other policies and calendars: at each step it asks the
 * {@link SlaClockCalculator} what the Ticket aggregate asks it in the command that caused the step (open, reply,
 * customer message, pending, resume, priority change, resolve, reopen, merge) and keeps the clocks as the aggregate
 * does from the answers. So the clocks run, pause, re-target and stop exactly as they would have under those policies.
 *
 * <p>A clock breaches when it is still running after its due instant: at the next step that comes later, or at
 * {@code now} (the instant the what-if is asked) for a clock that runs still. That is when sla-monitor records the
 * contracted breach. The escalations those breaches would cause are not replayed; the ticket's recorded priority
 * changes (escalations' included) are, as they happened. Nothing here reads a clock or stores anything.
 */
final class SlaReplay {

    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);

    private SlaReplay() {}

    static Outcomes replay(TicketTimeline ticket, SlaPolicies policies, Instant now) {
        return new Run(ticket, policies).replay(now);
    }

    private static final class Run {

        private final TicketTimeline ticket;
        private final SlaPolicies policies;
        private final SlaClockCalculator calculator;
        private final Map<SlaMetric, SlaClock> clocks = new EnumMap<>(SlaMetric.class);
        private final Map<SlaMetric, Integer> runs = new EnumMap<>(SlaMetric.class);
        private final Map<SlaMetric, String> outcome = new EnumMap<>(SlaMetric.class);
        private final Map<SlaMetric, BigDecimal> minutes = new EnumMap<>(SlaMetric.class);
        private Priority priority;
        private boolean answered;
        private String policy;

        Run(TicketTimeline ticket, SlaPolicies policies) {
            this.ticket = ticket;
            this.policies = policies;
            this.calculator = new SlaClockCalculator(policies);
        }

        Outcomes replay(Instant now) {
            for (TicketTimeline.Step step : ticket.steps()) {
                breachOverdue(step.at());
                apply(step);
            }
            breachOverdue(now);
            return new Outcomes(
                    outcome.get(SlaMetric.FIRST_RESPONSE),
                    minutes.get(SlaMetric.FIRST_RESPONSE),
                    outcome.get(SlaMetric.RESOLUTION),
                    minutes.get(SlaMetric.RESOLUTION),
                    policy);
        }

        private void apply(TicketTimeline.Step step) {
            String id = ticket.ticketId();
            Instant at = step.at();
            switch (step.kind()) {
                case OPENED -> {
                    priority = step.priority();
                    policy = policies.resolve(slaTicket(), null).name();
                    calculator.opened(id, slaTicket(), at).forEach(this::started);
                }
                case PUBLIC_REPLY -> {
                    answered = true;
                    calculator.replied(id, new EnumMap<>(clocks), at).forEach(this::met);
                }
                case CUSTOMER_MESSAGE ->
                    calculator
                            .customerMessaged(id, new EnumMap<>(clocks), answered, slaTicket(), at)
                            .ifPresent(this::started);
                case PENDING ->
                    calculator.paused(id, List.copyOf(clocks.values()), at).forEach(this::paused);
                case RESUMED ->
                    calculator
                            .resumed(id, List.copyOf(clocks.values()), slaTicket(), at)
                            .forEach(this::resumed);
                case PRIORITY_CHANGED -> {
                    priority = step.priority();
                    calculator
                            .retargeted(id, List.copyOf(clocks.values()), slaTicket(), at)
                            .forEach(this::retargeted);
                }
                case RESOLVED ->
                    calculator.resolved(id, new EnumMap<>(clocks), at).forEach(this::met);
                case REOPENED -> calculator.reopened(id, slaTicket(), at).ifPresent(this::started);
                case MERGED -> clocks.clear();
            }
        }

        /** A running clock whose due instant lies before {@code at} breached at that instant; a breach sticks. */
        private void breachOverdue(Instant at) {
            clocks.replaceAll((metric, clock) -> {
                if (clock.running() && !clock.breached() && clock.dueAt().isBefore(at)) {
                    outcome.put(metric, Outcomes.BREACHED);
                    return clock.breachedNow();
                }
                return clock;
            });
        }

        private SlaTicket slaTicket() {
            return new SlaTicket(priority, ticket.customerTier(), ticket.channel());
        }

        private void started(SlaClockStartedEvent event) {
            int run = runs.merge(event.metric(), 1, Integer::sum);
            clocks.put(event.metric(), SlaClock.started(event, run));
        }

        private void paused(SlaClockPausedEvent event) {
            clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.paused(event.remaining()));
        }

        private void resumed(SlaClockResumedEvent event) {
            clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.resumed(event.dueAt(), event.warnAt()));
        }

        private void retargeted(SlaClockRetargetedEvent event) {
            clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.retargeted(event));
        }

        /** As the report counts a stop: MET unless the metric breached before; the last stop's minutes count. */
        private void met(SlaClockMetEvent event) {
            clocks.remove(event.metric());
            if (!Outcomes.BREACHED.equals(outcome.get(event.metric()))) {
                outcome.put(event.metric(), Outcomes.MET);
            }
            minutes.put(
                    event.metric(),
                    BigDecimal.valueOf(event.elapsed().toMillis()).divide(MILLIS_PER_MINUTE, 4, RoundingMode.HALF_UP));
        }
    }
}
