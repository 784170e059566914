package dev.supportdesk.sla.monitor.saga;

import java.time.Instant;

/**
 * What the saga remembers of one SLA clock: its instants and the ids of the deadlines scheduled for them.
 * A paused clock keeps no deadlines; a breached clock never gets a breach deadline again (a breach is never undone).
 */
record TrackedClock(
        boolean paused,
        Instant dueAt,
        Instant warnAt,
        String breachDeadlineId,
        String warningDeadlineId,
        boolean breached) {

    static TrackedClock running(Instant dueAt, Instant warnAt) {
        return new TrackedClock(false, dueAt, warnAt, null, null, false);
    }

    TrackedClock pause() {
        return new TrackedClock(true, null, null, null, null, breached);
    }

    TrackedClock resumeAt(Instant newDueAt, Instant newWarnAt) {
        return new TrackedClock(false, newDueAt, newWarnAt, null, null, breached);
    }

    TrackedClock withDeadlines(String breachId, String warningId) {
        return new TrackedClock(paused, dueAt, warnAt, breachId, warningId, breached);
    }

    TrackedClock warningDone() {
        return new TrackedClock(paused, dueAt, null, breachDeadlineId, null, breached);
    }

    TrackedClock breachDone() {
        return new TrackedClock(paused, dueAt, warnAt, null, warningDeadlineId, true);
    }
}
