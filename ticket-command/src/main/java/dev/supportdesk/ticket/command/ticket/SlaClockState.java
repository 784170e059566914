package dev.supportdesk.ticket.command.ticket;

import dev.supportdesk.contract.SlaMetric;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the aggregate knows of one SLA clock, rebuilt from the clock events only. Running: dueAt is set.
 * Paused: remaining is set and dueAt is null.
 */
final class SlaClockState {

    final SlaMetric metric;
    String policy;
    String calendar;
    Duration target;
    Instant dueAt;
    Instant warnAt;
    Duration remaining;
    boolean warned;
    boolean breached;

    SlaClockState(SlaMetric metric, String policy, String calendar, Duration target, Instant dueAt, Instant warnAt) {
        this.metric = metric;
        this.policy = policy;
        this.calendar = calendar;
        this.target = target;
        this.dueAt = dueAt;
        this.warnAt = warnAt;
    }

    boolean running() {
        return dueAt != null;
    }

    boolean paused() {
        return dueAt == null;
    }

    // The test fixture compares the state built by command handling with the state sourced from events.
    @Override
    public boolean equals(Object other) {
        return other instanceof SlaClockState that && metric == that.metric && warned == that.warned
                && breached == that.breached && Objects.equals(policy, that.policy)
                && Objects.equals(calendar, that.calendar) && Objects.equals(target, that.target)
                && Objects.equals(dueAt, that.dueAt) && Objects.equals(warnAt, that.warnAt)
                && Objects.equals(remaining, that.remaining);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, policy, dueAt, remaining);
    }

    @Override
    public String toString() {
        return metric + "{policy=" + policy + ", target=" + target + ", dueAt=" + dueAt + ", warnAt=" + warnAt
                + ", remaining=" + remaining + ", warned=" + warned + ", breached=" + breached + "}";
    }
}
