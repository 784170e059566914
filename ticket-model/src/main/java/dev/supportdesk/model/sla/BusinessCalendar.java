package dev.supportdesk.model.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Working-time arithmetic over a {@link CalendarDefinition}: working hours are wall-clock times in the
 * calendar's zone, elapsed time is measured on the instant timeline. The rules (docs/sla.md):
 * <ul>
 *   <li>A range on a date opens at the first instant the zone's clock shows its start on that date, or a later
 *       time, and closes at the first instant it shows its end ({@code 24:00}: the next date's {@code 00:00}).
 *       A time skipped by a spring-forward change thus maps to the instant of the change, and a time shown
 *       twice by a fall-back change to its first showing: 01:00-04:00 holds 2 hours on a day that skips
 *       02:00-03:00 and 4 hours on a day that repeats it. Every range is one stretch of the timeline.</li>
 *   <li>Ranges are half-open: a start at a range's end, outside working hours or on a holiday counts from
 *       the next opening, so {@code plus(start, ZERO)} is the next opening (or {@code start} itself inside
 *       working hours).</li>
 *   <li>A due instant reached exactly at the end of a range stays at that end.</li>
 *   <li>Holidays are whole local dates without working time; closed days have no ranges.</li>
 * </ul>
 * Long spans skip whole weeks that hold no holiday and no offset change (each then holds exactly the week's
 * nominal working time), so the cost grows with the holidays and changes on the way, not with the target.
 */
public final class BusinessCalendar implements WorkingCalendar {

    private final CalendarDefinition definition;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final NavigableSet<LocalDate> holidays;
    private final Duration week;

    public BusinessCalendar(CalendarDefinition definition) {
        this.definition = definition;
        this.zone = definition.timeZone();
        this.rules = zone.getRules();
        this.holidays = new TreeSet<>(definition.holidays());
        this.week = definition.nominalWeek();
    }

    public CalendarDefinition definition() {
        return definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Instant plus(Instant start, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + workingTime);
        }
        Duration remaining = workingTime;
        Instant cursor = start;
        // From the day before: a fall-back change can put the end of that day's ranges after start.
        LocalDate date = localDate(start).minusDays(1);
        while (true) {
            if (remaining.compareTo(week) > 0 && !dayStart(date).isBefore(cursor)) {
                // Only weeks that leave some working time to count: a target used up exactly at the end of a
                // week's last range must end there, not at the next week's opening.
                long wanted = remaining.minusNanos(1).dividedBy(week);
                long weeks = Math.min(wanted, cleanWeeksFrom(date, null));
                if (weeks > 0) {
                    remaining = remaining.minus(week.multipliedBy(weeks));
                    date = date.plusWeeks(weeks);
                    cursor = dayStart(date);
                }
            }
            if (!holidays.contains(date)) {
                for (WorkingRange range : definition.ranges(date.getDayOfWeek())) {
                    Instant opens = opening(date, range);
                    Instant closes = closing(date, range);
                    if (!closes.isAfter(cursor) || !closes.isAfter(opens)) {
                        continue;
                    }
                    Instant from = opens.isAfter(cursor) ? opens : cursor;
                    Duration available = Duration.between(from, closes);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                    cursor = closes;
                }
            }
            date = date.plusDays(1);
        }
    }

    @Override
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        Duration total = Duration.ZERO;
        Instant cursor = from;
        LocalDate date = localDate(from).minusDays(1);
        // Days before the one that holds `to` end before `to`; the weeks skipped must lie among them.
        LocalDate lastWholeDay = localDate(to).minusDays(1);
        while (dayStart(date).isBefore(to)) {
            if (!dayStart(date).isBefore(cursor)) {
                long weeks = cleanWeeksFrom(date, lastWholeDay);
                if (weeks > 0) {
                    total = total.plus(week.multipliedBy(weeks));
                    date = date.plusWeeks(weeks);
                    cursor = dayStart(date);
                    continue;
                }
            }
            if (!holidays.contains(date)) {
                for (WorkingRange range : definition.ranges(date.getDayOfWeek())) {
                    Instant opens = opening(date, range);
                    Instant closes = closing(date, range);
                    Instant start = opens.isAfter(cursor) ? opens : cursor;
                    Instant end = closes.isBefore(to) ? closes : to;
                    if (end.isAfter(start)) {
                        total = total.plus(Duration.between(start, end));
                    }
                }
            }
            date = date.plusDays(1);
        }
        return total;
    }

    /**
     * How many whole weeks from {@code date} on (up to and including {@code lastDay} when given) hold no holiday
     * and lie clear of every offset change, so that each holds exactly the nominal week.
     */
    private long cleanWeeksFrom(LocalDate date, LocalDate lastDay) {
        LocalDate limit = lastDay == null ? null : lastDay.plusDays(1);
        LocalDate holiday = holidays.ceiling(date);
        if (holiday != null) {
            limit = earlier(limit, holiday);
        }
        ZoneOffsetTransition change = rules.nextTransition(dayStart(date).minusNanos(1));
        if (change != null) {
            // The day before a change too: its 24:00 is the changing day's 00:00.
            LocalDate changed = earlier(
                    change.getDateTimeBefore().toLocalDate(),
                    change.getDateTimeAfter().toLocalDate());
            limit = earlier(limit, changed.minusDays(1));
        }
        if (limit == null) {
            return Long.MAX_VALUE;
        }
        long days = ChronoUnit.DAYS.between(date, limit);
        return days <= 0 ? 0 : days / 7;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b.isBefore(a) ? b : a;
    }

    private Instant opening(LocalDate date, WorkingRange range) {
        return firstShowing(date.atTime(range.start()));
    }

    private Instant closing(LocalDate date, WorkingRange range) {
        return range.endsAtMidnight() ? dayStart(date.plusDays(1)) : firstShowing(date.atTime(range.end()));
    }

    private Instant dayStart(LocalDate date) {
        return firstShowing(date.atStartOfDay());
    }

    /** The first instant at which the zone's clock shows {@code local} or a later time. */
    private Instant firstShowing(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }

    private LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + definition.name() + ", " + zone + "]";
    }
}
