package dev.supportdesk.model.sla;

import java.time.Duration;
import java.time.Instant;

/** The calendar that always exists: every instant is working time. */
public final class TwentyFourSevenCalendar implements WorkingCalendar {

    public static final String NAME = "24x7";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Instant plus(Instant start, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + workingTime);
        }
        return start.plus(workingTime);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        return Duration.between(from, to);
    }
}
