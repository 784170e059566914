package dev.supportdesk.model.view;

import java.time.Instant;

/**
 * One SLA clock as the projection keeps it. {@code atRisk} and {@code breached} record what sla-monitor
 * reported; a breach stays for the life of the ticket (a breach is never undone).
 */
public record SlaClock(ClockState state, Instant dueAt, Instant warnAt, boolean atRisk, boolean breached) {

    public static SlaClock started(Instant dueAt, Instant warnAt, boolean breachedBefore) {
        return new SlaClock(ClockState.RUNNING, dueAt, warnAt, false, breachedBefore);
    }

    public boolean running() {
        return state == ClockState.RUNNING;
    }

    public SlaClock paused() {
        return new SlaClock(ClockState.PAUSED, null, null, atRisk, breached);
    }

    public SlaClock resumed(Instant newDueAt, Instant newWarnAt) {
        return new SlaClock(ClockState.RUNNING, newDueAt, newWarnAt, atRisk, breached);
    }

    /**
     * A priority change moved the clock to another target. A paused clock stays paused (the event then has
     * no due instant). A pending warning (warnAt given) means the earlier warning no longer applies.
     */
    public SlaClock retargeted(Instant newDueAt, Instant newWarnAt) {
        if (newDueAt == null) {
            return new SlaClock(state == ClockState.RUNNING ? ClockState.PAUSED : state, null, null, atRisk, breached);
        }
        return new SlaClock(ClockState.RUNNING, newDueAt, newWarnAt, newWarnAt == null && atRisk, breached);
    }

    public SlaClock warned() {
        return new SlaClock(state, dueAt, warnAt, true, breached);
    }

    public SlaClock breach() {
        return new SlaClock(state, dueAt, warnAt, atRisk, true);
    }

    public SlaClock stopped(ClockState finalState) {
        return new SlaClock(finalState, null, null, atRisk, breached);
    }
}
