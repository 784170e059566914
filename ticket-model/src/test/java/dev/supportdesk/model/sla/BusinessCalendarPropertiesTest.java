package dev.supportdesk.model.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rules of docs/sla.md as properties over generated calendars: several zones (Lord Howe shifts by 30
 * minutes), one to three ranges a day with their edges often on the hours the clocks change, holidays near
 * the start, starts often within days of an offset change. Where a check needs to know whether an instant is
 * working time it asks the wall clock ({@link #workingByWallClock}), not the code under test; the two differ
 * only in the repeated hour of a fall-back change, which those checks leave out.
 */
class BusinessCalendarPropertiesTest {

    private static final List<String> ZONES =
            List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");
    private static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2028-01-01T00:00:00Z");

    /** A generated calendar and an instant to start from. */
    record Case(CalendarDefinition definition, BusinessCalendar calendar, Instant start) {
        @Override
        public String toString() {
            return definition.timeZone() + " " + hours(definition) + " holidays " + definition.holidays() + " from "
                    + start;
        }
    }

    @Property
    void measuringWhatWasAddedGivesItBack(@ForAll("cases") Case c, @ForAll("workingTimes") Duration time) {
        Instant due = c.calendar().plus(c.start(), time);
        Instant opening = c.calendar().plus(c.start(), Duration.ZERO);

        assertThat(c.calendar().between(c.start(), due)).isEqualTo(time);
        assertThat(c.calendar().between(opening, due)).isEqualTo(time);
        assertThat(c.calendar().plus(opening, time)).isEqualTo(due);
    }

    @Property
    void measuringFromInsideWorkingHoursGivesItBack(
            @ForAll("cases") Case c, @ForAll("workingTimes") Duration into, @ForAll("workingTimes") Duration time) {
        // The instant at which `into` has been used: its next nanosecond is working time, so it lies inside a range.
        Instant inside = c.calendar().plus(c.start(), into.plusNanos(1)).minusNanos(1);
        Assume.that(!ambiguous(c, inside));
        assertThat(workingByWallClock(c, inside)).isTrue();

        assertThat(c.calendar().between(inside, c.calendar().plus(inside, time)))
                .isEqualTo(time);
    }

    @Property
    void aDueInstantIsReachedInsideWorkingHours(@ForAll("cases") Case c, @ForAll("workingTimes") Duration time) {
        Assume.that(!time.isZero());
        Instant due = c.calendar().plus(c.start(), time);
        Instant justBefore = due.minusNanos(1);
        Assume.that(!ambiguous(c, justBefore));

        assertThat(workingByWallClock(c, justBefore))
                .as("the last nanosecond before %s is working time", due)
                .isTrue();
    }

    @Property
    void aStartOutsideWorkingHoursCountsFromTheNextOpening(@ForAll("cases") Case c) {
        Instant opening = c.calendar().plus(c.start(), Duration.ZERO);

        assertThat(opening).isAfterOrEqualTo(c.start());
        assertThat(c.calendar().between(c.start(), opening)).isEqualTo(Duration.ZERO);
        Assume.that(!ambiguous(c, opening));
        assertThat(workingByWallClock(c, opening)).isTrue();
        if (opening.isAfter(c.start()) && !ambiguous(c, opening.minusNanos(1))) {
            assertThat(workingByWallClock(c, opening.minusNanos(1))).isFalse();
        }
    }

    @Property
    void plusIsMonotonicInTheWorkingTime(
            @ForAll("cases") Case c, @ForAll("workingTimes") Duration a, @ForAll("workingTimes") Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        Duration longer = a.compareTo(b) <= 0 ? b : a;
        Instant first = c.calendar().plus(c.start(), shorter);
        Instant second = c.calendar().plus(c.start(), longer);

        if (shorter.equals(longer)) {
            assertThat(second).isEqualTo(first);
        } else {
            assertThat(second).isAfter(first);
        }
    }

    @Property
    void addingInTwoStepsIsAddingOnce(
            @ForAll("cases") Case c, @ForAll("workingTimes") Duration a, @ForAll("workingTimes") Duration b) {
        Assume.that(!b.isZero());
        Instant halfway = c.calendar().plus(c.start(), a);

        assertThat(c.calendar().plus(halfway, b)).isEqualTo(c.calendar().plus(c.start(), a.plus(b)));
    }

    @Property
    void workingTimeAddsUpOverConsecutiveStretches(
            @ForAll("cases") Case c, @ForAll("spans") Duration first, @ForAll("spans") Duration second) {
        Instant middle = c.start().plus(first);
        Instant end = middle.plus(second);

        assertThat(c.calendar().between(c.start(), middle).plus(c.calendar().between(middle, end)))
                .isEqualTo(c.calendar().between(c.start(), end));
        assertThat(c.calendar().between(end, c.start()))
                .isEqualTo(c.calendar().between(c.start(), end).negated());
    }

    @Property(tries = 200)
    void betweenCountsTheMinutesTheWallClockCallsWorking(@ForAll("cases") Case c, @ForAll("shortSpans") int minutes) {
        // Whole minutes, as the generated ranges' edges and every offset of these zones are.
        Instant from = c.start().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofMinutes(minutes));
        long working = 0;
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            Assume.that(!ambiguous(c, minute));
            if (workingByWallClock(c, minute)) {
                working++;
            }
        }
        assertThat(c.calendar().between(from, to)).isEqualTo(Duration.ofMinutes(working));
    }

    @Property
    void holidaysAndClosedDaysHoldNoWorkingTime(@ForAll("cases") Case c, @ForAll("workingTimes") Duration time) {
        ZoneId zone = c.definition().timeZone();
        for (LocalDate holiday : c.definition().holidays()) {
            assertThat(c.calendar().between(startOfDay(holiday, zone), startOfDay(holiday.plusDays(1), zone)))
                    .as("working time on holiday %s", holiday)
                    .isEqualTo(Duration.ZERO);
        }
        LocalDate first = LocalDate.ofInstant(c.start(), zone);
        for (LocalDate day = first; day.isBefore(first.plusDays(14)); day = day.plusDays(1)) {
            if (c.definition().ranges(day.getDayOfWeek()).isEmpty()) {
                assertThat(c.calendar().between(startOfDay(day, zone), startOfDay(day.plusDays(1), zone)))
                        .as("working time on closed %s %s", day.getDayOfWeek(), day)
                        .isEqualTo(Duration.ZERO);
            }
        }
        LocalDate dueDay = LocalDate.ofInstant(
                c.calendar().plus(c.start(), time.plusNanos(1)).minusNanos(1), zone);
        assertThat(c.definition().holidays()).doesNotContain(dueDay);
        assertThat(c.definition().ranges(dueDay.getDayOfWeek())).isNotEmpty();
    }

    @Property
    void aHolidayRemovesExactlyThatDaysWorkingTime(@ForAll("cases") Case c, @ForAll("spans") Duration span) {
        Assume.that(!c.definition().holidays().isEmpty());
        CalendarDefinition d = c.definition();
        BusinessCalendar withoutHolidays =
                new BusinessCalendar(new CalendarDefinition(d.name(), d.timeZone(), d.workingHours(), Set.of()));
        Instant end = c.start().plus(span).plus(Duration.ofDays(70));
        Duration removed = Duration.ZERO;
        for (LocalDate holiday : d.holidays()) {
            Instant from = max(startOfDay(holiday, d.timeZone()), c.start());
            Instant to = min(startOfDay(holiday.plusDays(1), d.timeZone()), end);
            if (to.isAfter(from)) {
                removed = removed.plus(withoutHolidays.between(from, to));
            }
        }
        assertThat(c.calendar().between(c.start(), end))
                .isEqualTo(withoutHolidays.between(c.start(), end).minus(removed));
    }

    @Property
    void aDayOfAnAlwaysOpenCalendarLastsAsLongAsTheDay(@ForAll("zones") ZoneId zone, @ForAll("days") LocalDate day) {
        BusinessCalendar allDay = alwaysOpen(zone);
        Duration length = allDay.between(startOfDay(day, zone), startOfDay(day.plusDays(1), zone));

        ZoneOffsetTransition change = zone.getRules().nextTransition(startOfDay(day, zone));
        boolean changesThatDay = change != null && change.getInstant().isBefore(startOfDay(day.plusDays(1), zone));
        Duration expected = changesThatDay ? Duration.ofHours(24).minus(change.getDuration()) : Duration.ofHours(24);
        assertThat(length).isEqualTo(expected);
    }

    @Property(tries = 50)
    void theDaysOfTheChangesLast23Or25Hours(@ForAll("dstZones") ZoneId zone, @ForAll("years") int year) {
        BusinessCalendar allDay = alwaysOpen(zone);
        List<Duration> lengths = new ArrayList<>();
        for (ZoneOffsetTransition change : transitions(zone, year)) {
            LocalDate day = change.getDateTimeBefore().toLocalDate();
            lengths.add(allDay.between(startOfDay(day, zone), startOfDay(day.plusDays(1), zone)));
        }
        assertThat(lengths).containsExactlyInAnyOrder(Duration.ofHours(23), Duration.ofHours(25));
    }

    @Property(tries = 20)
    void lordHowesChangesShiftHalfAnHour(@ForAll("years") int year) {
        ZoneId zone = ZoneId.of("Australia/Lord_Howe");
        BusinessCalendar allDay = alwaysOpen(zone);
        List<Duration> lengths = new ArrayList<>();
        for (ZoneOffsetTransition change : transitions(zone, year)) {
            LocalDate day = change.getDateTimeBefore().toLocalDate();
            lengths.add(allDay.between(startOfDay(day, zone), startOfDay(day.plusDays(1), zone)));
        }
        assertThat(lengths)
                .containsExactlyInAnyOrder(Duration.ofMinutes(23 * 60 + 30), Duration.ofMinutes(24 * 60 + 30));
    }

    @Property(tries = 100)
    void longTargetsEndOnSparseCalendars(@ForAll("cases") Case c, @ForAll("longTargets") Duration time) {
        Instant due = c.calendar().plus(c.start(), time);

        assertThat(c.calendar().between(c.start(), due)).isEqualTo(time);
    }

    // --- generators ---

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                        zones(),
                        weeks(),
                        Arbitraries.longs().between(-10 * 86_400, 10 * 86_400),
                        Arbitraries.integers().between(0, 99))
                .flatAs((zone, week, offsetSeconds, pick) -> {
                    Instant start = startNear(zone, offsetSeconds, pick);
                    LocalDate startDay = LocalDate.ofInstant(start, zone);
                    return Arbitraries.integers()
                            .between(-3, 60)
                            .map(startDay::plusDays)
                            .set()
                            .ofMaxSize(8)
                            .map(holidays -> {
                                CalendarDefinition definition =
                                        new CalendarDefinition("generated", zone, week, holidays);
                                return new Case(definition, new BusinessCalendar(definition), start);
                            });
                });
    }

    @Provide
    Arbitrary<Duration> workingTimes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 8 * 60).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 40L * 24 * 60).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 5L * 86_400_000_000_000L).map(Duration::ofNanos));
    }

    @Provide
    Arbitrary<Duration> longTargets() {
        return Arbitraries.longs().between(20L * 24 * 60, 60L * 24 * 60).map(Duration::ofMinutes);
    }

    @Provide
    Arbitrary<Duration> spans() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 3L * 86_400).map(Duration::ofSeconds),
                Arbitraries.longs().between(0, 90L * 86_400).map(Duration::ofSeconds));
    }

    @Provide
    Arbitrary<Integer> shortSpans() {
        return Arbitraries.integers().between(0, 4 * 24 * 60);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Provide
    Arbitrary<ZoneId> dstZones() {
        return Arbitraries.of("Europe/Berlin", "America/New_York").map(ZoneId::of);
    }

    @Provide
    Arbitrary<Integer> years() {
        return Arbitraries.integers().between(2025, 2035);
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(0, 3 * 366).map(LocalDate.of(2025, 1, 1)::plusDays);
    }

    /**
     * A week with some working time: each day zero to three ranges, edges often at 00:00-04:00 and 24:00; half
     * of the weeks closed on Saturday and Sunday.
     */
    private Arbitrary<Map<DayOfWeek, List<WorkingRange>>> weeks() {
        Arbitrary<Integer> edge = Arbitraries.oneOf(
                Arbitraries.of(0, 60, 90, 120, 150, 180, 210, 240, 540, 720, 780, 1080, 1440),
                Arbitraries.integers().between(0, 1440));
        Arbitrary<List<WorkingRange>> day = edge.set().ofMaxSize(6).map(BusinessCalendarPropertiesTest::ranges);
        // Half of the weeks are an office's: closed on the weekend.
        return Combinators.combine(day.list().ofSize(7), Arbitraries.of(true, false))
                .as((days, weekdaysOnly) -> {
                    Map<DayOfWeek, List<WorkingRange>> week = new EnumMap<>(DayOfWeek.class);
                    for (int i = 0; i < (weekdaysOnly ? 5 : 7); i++) {
                        if (!days.get(i).isEmpty()) {
                            week.put(DayOfWeek.of(i + 1), days.get(i));
                        }
                    }
                    return week;
                })
                .filter(week -> !week.isEmpty());
    }

    private static List<WorkingRange> ranges(Set<Integer> edges) {
        List<Integer> sorted = new ArrayList<>(edges);
        sorted.sort(null);
        List<WorkingRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i += 2) {
            ranges.add(new WorkingRange(time(sorted.get(i)), time(sorted.get(i + 1))));
        }
        return ranges;
    }

    private static LocalTime time(int minuteOfDay) {
        return minuteOfDay == 1440 ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(minuteOfDay * 60L);
    }

    /** Mostly within ten days of one of the zone's offset changes, otherwise anywhere in three years. */
    private static Instant startNear(ZoneId zone, long offsetSeconds, int pick) {
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        for (int year = 2025; year <= 2027; year++) {
            changes.addAll(transitions(zone, year));
        }
        if (changes.isEmpty() || pick < 25) {
            long span = LAST.getEpochSecond() - FIRST.getEpochSecond();
            return FIRST.plusSeconds(Math.floorMod(offsetSeconds * 7919L + pick * 104_729L, span));
        }
        return changes.get(pick % changes.size()).getInstant().plusSeconds(offsetSeconds);
    }

    // --- the wall clock's view, independent of BusinessCalendar ---

    private static boolean workingByWallClock(Case c, Instant instant) {
        ZonedDateTime local = instant.atZone(c.definition().timeZone());
        if (c.definition().holidays().contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (WorkingRange range : c.definition().ranges(local.getDayOfWeek())) {
            if (!time.isBefore(range.start()) && (range.endsAtMidnight() || time.isBefore(range.end()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the wall clock shows the same time twice around this instant (a fall-back change). */
    private static boolean ambiguous(Case c, Instant instant) {
        ZoneId zone = c.definition().timeZone();
        return zone.getRules()
                        .getValidOffsets(instant.atZone(zone).toLocalDateTime())
                        .size()
                > 1;
    }

    private static List<ZoneOffsetTransition> transitions(ZoneId zone, int year) {
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        for (ZoneOffsetTransition change = zone.getRules().nextTransition(from);
                change != null && change.getInstant().isBefore(to);
                change = zone.getRules().nextTransition(change.getInstant())) {
            changes.add(change);
        }
        return changes;
    }

    private static Instant startOfDay(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static BusinessCalendar alwaysOpen(ZoneId zone) {
        Map<DayOfWeek, List<WorkingRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new WorkingRange(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessCalendar(new CalendarDefinition("24h", zone, week, new HashSet<>()));
    }

    private static String hours(CalendarDefinition definition) {
        StringBuilder out = new StringBuilder("{");
        definition
                .workingHours()
                .forEach((day, ranges) -> out.append(day.name(), 0, 3)
                        .append(ranges.stream().map(WorkingRange::text).toList()));
        return out.append('}').toString();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
