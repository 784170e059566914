package dev.supportdesk.model.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * Working time arithmetic of an SLA calendar. SLA targets are working time: a business-hours calendar
 * skips nights and holidays, the 24x7 calendar counts every second.
 */
public interface WorkingCalendar {

    /** The calendar's name as recorded in {@code SlaClockStartedEvent.calendar}. */
    String name();

    /** The instant at which {@code workingTime} (not negative) of working time has passed since {@code start}. */
    Instant plus(Instant start, Duration workingTime);

    /** The working time from {@code from} to {@code to}; negative when {@code to} lies before {@code from}. */
    Duration between(Instant from, Instant to);
}
