package dev.supportdesk.ticket.command.explain;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockCancelledEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket's SLA clocks explained from its events alone (docs/api.md, {@code GET /api/tickets/{id}/sla}): every
 * clock run with each start, pause, resume, re-target, warning, breach, met and cancel, the policy and calendar
 * versions in force, and the working time used and left at that point. Plain values in, plain values out.
 */
final class SlaTimeline {

    /** One stored event of the ticket, as the timeline reads it. */
    record Fact(long version, Instant at, String actor, Object event) {}

    /** Counts working time in a clock's recorded calendar version. */
    interface Calendars {
        WorkingCalendar calendar(String name, Long version);
    }

    record Entry(
            long version,
            Instant at,
            String kind,
            String actor,
            String policy,
            Long policyVersion,
            String calendar,
            Long calendarVersion,
            Duration target,
            Duration used,
            Duration left,
            Instant dueAt,
            String why) {}

    record Clock(
            SlaMetric metric,
            int run,
            String state,
            boolean atRisk,
            boolean breached,
            String policy,
            Long policyVersion,
            String calendar,
            Long calendarVersion,
            Duration target,
            Instant dueAt,
            Duration left,
            List<Entry> timeline) {}

    /** The clock run being built. */
    private static final class Run {
        final SlaMetric metric;
        final int run;
        String state = "RUNNING";
        boolean atRisk;
        boolean breached;
        String policy;
        Long policyVersion;
        String calendar;
        Long calendarVersion;
        Duration target;
        Instant dueAt;
        Duration left;
        final List<Entry> timeline = new ArrayList<>();

        Run(SlaMetric metric, int run) {
            this.metric = metric;
            this.run = run;
        }

        void add(Fact fact, String kind, Duration used, Duration left, String why) {
            timeline.add(new Entry(
                    fact.version(),
                    fact.at(),
                    kind,
                    fact.actor(),
                    policy,
                    policyVersion,
                    calendar,
                    calendarVersion,
                    target,
                    used,
                    left,
                    dueAt,
                    why));
        }

        Clock done() {
            return new Clock(
                    metric,
                    run,
                    state,
                    atRisk,
                    breached,
                    policy,
                    policyVersion,
                    calendar,
                    calendarVersion,
                    target,
                    dueAt,
                    left,
                    List.copyOf(timeline));
        }
    }

    private final Calendars calendars;

    SlaTimeline(Calendars calendars) {
        this.calendars = calendars;
    }

    List<Clock> explain(List<Fact> facts) {
        List<Run> runs = new ArrayList<>();
        Map<SlaMetric, Run> current = new EnumMap<>(SlaMetric.class);
        Map<SlaMetric, Integer> started = new EnumMap<>(SlaMetric.class);
        String cause = "the ticket was opened";
        for (Fact fact : facts) {
            Object event = fact.event();
            if (event instanceof TicketMarkedPendingEvent e) {
                cause = "the ticket is pending" + (e.reason() == null ? "" : " (" + e.reason() + ")");
            } else if (event instanceof TicketResumedEvent e) {
                cause = "the wait ended" + (e.reason() == null ? "" : " (" + e.reason() + ")");
            } else if (event instanceof TicketReopenedEvent e) {
                cause = "the ticket was reopened (" + e.reason() + ")";
            } else if (event instanceof TicketPriorityChangedEvent e) {
                cause = "the priority changed from " + e.previousPriority() + " to " + e.priority()
                        + (e.reason() == null ? "" : " (" + e.reason() + ")");
            } else if (event instanceof SlaClockStartedEvent e) {
                Run run = new Run(e.metric(), started.merge(e.metric(), 1, Integer::sum));
                run.policy = e.policy();
                run.policyVersion = e.policyVersion();
                run.calendar = e.calendar();
                run.calendarVersion = e.calendarVersion();
                run.target = e.target();
                run.dueAt = e.dueAt();
                run.left = e.target();
                runs.add(run);
                current.put(e.metric(), run);
                String why = e.metric() == SlaMetric.NEXT_RESPONSE ? "the customer wrote after a reply" : cause;
                run.add(
                        fact,
                        "STARTED",
                        Duration.ZERO,
                        e.target(),
                        "Started because " + why + ": target " + e.target() + " of working time in calendar "
                                + e.calendar() + ", due at " + e.dueAt());
            } else if (event instanceof SlaClockPausedEvent e && current.get(e.metric()) != null) {
                Run run = current.get(e.metric());
                run.state = "PAUSED";
                run.dueAt = null;
                run.left = e.remaining();
                run.add(
                        fact,
                        "PAUSED",
                        run.target.minus(e.remaining()),
                        e.remaining(),
                        "Paused because " + cause + ": the clock stands still with " + e.remaining()
                                + " of working time left");
            } else if (event instanceof SlaClockResumedEvent e && current.get(e.metric()) != null) {
                Run run = current.get(e.metric());
                run.state = "RUNNING";
                run.dueAt = e.dueAt();
                run.add(
                        fact,
                        "RESUMED",
                        run.target.minus(run.left),
                        run.left,
                        "Resumed because " + cause + ": " + run.left + " left, due at " + e.dueAt());
            } else if (event instanceof SlaClockRetargetedEvent e && current.get(e.metric()) != null) {
                Run run = current.get(e.metric());
                run.policy = e.policy();
                run.policyVersion = e.policyVersion();
                if (e.calendar() != null) {
                    run.calendar = e.calendar();
                    run.calendarVersion = e.calendarVersion();
                }
                run.target = e.target();
                run.left = e.remaining();
                if (e.dueAt() != null) {
                    run.dueAt = e.dueAt();
                }
                run.add(
                        fact,
                        "RETARGETED",
                        e.target().minus(e.remaining()),
                        e.remaining(),
                        "Re-targeted because " + cause + ": policy " + e.policy() + " sets " + e.target()
                                + ", the time already used is kept, " + e.remaining() + " left"
                                + (e.dueAt() == null ? " (paused)" : ", due at " + e.dueAt()));
            } else if (event instanceof SlaClockAtRiskEvent e && current.get(e.metric()) != null) {
                Run run = current.get(e.metric());
                run.atRisk = true;
                Duration left = leftAt(run, e.warnAt());
                run.add(
                        fact,
                        "WARNING",
                        left == null ? null : run.target.minus(left),
                        left,
                        "At risk: the warning share of the target was used at " + e.warnAt() + ", due at " + run.dueAt);
            } else if (event instanceof SlaClockBreachedEvent e && current.get(e.metric()) != null) {
                Run run = current.get(e.metric());
                run.breached = true;
                run.add(
                        fact,
                        "BREACHED",
                        run.target,
                        Duration.ZERO,
                        "Breached: the whole target of " + run.target + " was used by " + e.dueAt()
                                + " without the clock being met");
            } else if (event instanceof SlaClockMetEvent e && current.get(e.metric()) != null) {
                Run run = current.remove(e.metric());
                run.state = "MET";
                run.dueAt = null;
                run.left = run.target.minus(e.elapsed());
                run.add(
                        fact,
                        "MET",
                        e.elapsed(),
                        run.left,
                        "Met after " + e.elapsed() + " of working time"
                                + (run.breached ? ", after its breach" : ", within its target of " + run.target));
            } else if (event instanceof SlaClockCancelledEvent e && current.get(e.metric()) != null) {
                Run run = current.remove(e.metric());
                Duration left = run.dueAt == null ? run.left : leftAt(run, fact.at());
                run.state = "CANCELLED";
                run.dueAt = null;
                run.left = left;
                run.add(
                        fact,
                        "CANCELLED",
                        left == null ? null : run.target.minus(left),
                        left,
                        "Cancelled: " + e.reason());
            }
        }
        return runs.stream().map(Run::done).toList();
    }

    /** Working time left on a running clock at {@code at}; null when its calendar cannot be read. */
    private Duration leftAt(Run run, Instant at) {
        if (run.dueAt == null || at == null) {
            return run.left;
        }
        try {
            Duration left =
                    calendars.calendar(run.calendar, run.calendarVersion).between(at, run.dueAt);
            return left.isNegative() ? Duration.ZERO : left;
        } catch (RuntimeException unknownCalendar) {
            return null;
        }
    }
}
