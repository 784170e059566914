package dev.supportdesk.model.sla;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * What a ticket knows of one of its SLA clocks, rebuilt from the clock events only. Running: {@code dueAt}
 * is set (and {@code warnAt}, unless the warning point has passed). Paused: {@code remaining} is set and
 * {@code dueAt} is null.
 *
 * @param policy          the policy whose target the clock measures
 * @param calendar        the working calendar its times are counted in
 * @param remaining       working time left, while paused
 * @param warned          the warning was recorded (it fires once per clock)
 * @param breached        the breach was recorded (it is never undone)
 * @param policyVersion   the policy's version in force (null: not recorded, an older event)
 * @param calendarVersion the calendar's version in force (null: not recorded)
 * @param policiesAsOf    the last policy change in force when the ticket was opened (null: not recorded)
 * @param run             how many times this metric's clock has started on the ticket, counting this one
 */
public record SlaClock(
        SlaMetric metric,
        String policy,
        String calendar,
        Duration target,
        Instant dueAt,
        Instant warnAt,
        Duration remaining,
        boolean warned,
        boolean breached,
        Long policyVersion,
        Long calendarVersion,
        Long policiesAsOf,
        int run) {

    public static SlaClock started(SlaClockStartedEvent event) {
        return started(event, 1);
    }

    public static SlaClock started(SlaClockStartedEvent event, int run) {
        return new SlaClock(
                event.metric(),
                event.policy(),
                event.calendar(),
                event.target(),
                event.dueAt(),
                event.warnAt(),
                null,
                false,
                false,
                event.policyVersion(),
                event.calendarVersion(),
                event.policiesAsOf(),
                run);
    }

    public boolean running() {
        return dueAt != null;
    }

    public boolean paused() {
        return dueAt == null;
    }

    public SlaClock paused(Duration remainingTime) {
        return new SlaClock(
                metric,
                policy,
                calendar,
                target,
                null,
                null,
                remainingTime,
                warned,
                breached,
                policyVersion,
                calendarVersion,
                policiesAsOf,
                run);
    }

    public SlaClock resumed(Instant newDueAt, Instant newWarnAt) {
        return new SlaClock(
                metric,
                policy,
                calendar,
                target,
                newDueAt,
                newWarnAt,
                null,
                warned,
                breached,
                policyVersion,
                calendarVersion,
                policiesAsOf,
                run);
    }

    public SlaClock retargeted(SlaClockRetargetedEvent event) {
        String newCalendar = event.calendar() == null ? calendar : event.calendar();
        Long newCalendarVersion = event.calendar() == null ? calendarVersion : event.calendarVersion();
        return new SlaClock(
                metric,
                event.policy(),
                newCalendar,
                event.target(),
                running() ? event.dueAt() : dueAt,
                running() ? event.warnAt() : warnAt,
                running() ? remaining : event.remaining(),
                warned,
                breached,
                event.policyVersion(),
                newCalendarVersion,
                policiesAsOf,
                run);
    }

    public SlaClock warnedNow() {
        return new SlaClock(
                metric,
                policy,
                calendar,
                target,
                dueAt,
                warnAt,
                remaining,
                true,
                breached,
                policyVersion,
                calendarVersion,
                policiesAsOf,
                run);
    }

    public SlaClock breachedNow() {
        return new SlaClock(
                metric,
                policy,
                calendar,
                target,
                dueAt,
                warnAt,
                remaining,
                warned,
                true,
                policyVersion,
                calendarVersion,
                policiesAsOf,
                run);
    }

    /** Whether a warning for {@code instant} still applies: the clock runs, has neither warned nor breached, and warns then. */
    public boolean warnsAt(Instant instant) {
        // A warning that arrives after the breach (delivered late, retried) has nothing left to warn of.
        return running() && !warned && !breached && instant != null && instant.equals(warnAt);
    }

    /** Whether a breach at {@code instant} still applies: the clock runs, has not breached, and is due then. */
    public boolean isDueAt(Instant instant) {
        return running() && !breached && instant != null && instant.equals(dueAt);
    }
}
