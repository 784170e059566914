package dev.supportdesk.model.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One stretch of working time on a day, in local wall-clock time: from {@code start} (included) to {@code end}
 * (excluded). {@code end} equal to {@link LocalTime#MIDNIGHT} means the end of the day (written {@code 24:00}),
 * so {@code 00:00-24:00} is a whole day; otherwise {@code end} lies after {@code start}. A range never crosses
 * midnight: working time from 22:00 to 02:00 is two ranges on two days.
 */
public record WorkingRange(LocalTime start, LocalTime end) {

    public WorkingRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw new IllegalArgumentException("a working range ends after it starts: " + start + "-" + end);
        }
    }

    /** Whether the range runs to the end of its day (24:00). */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** The range's length on a day without a daylight-saving change. */
    public Duration nominalLength() {
        return Duration.ofNanos(endNanoOfDay() - start.toNanoOfDay());
    }

    /** Whether the two ranges share some working time (ranges that only touch do not). */
    public boolean overlaps(WorkingRange other) {
        return start.toNanoOfDay() < other.endNanoOfDay() && other.start.toNanoOfDay() < endNanoOfDay();
    }

    /** The API form, {@code HH:mm-HH:mm} with {@code 24:00} for midnight at the end. */
    public String text() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }

    long endNanoOfDay() {
        return endsAtMidnight() ? Duration.ofDays(1).toNanos() : end.toNanoOfDay();
    }
}
