package dev.supportdesk.model.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-computed cases; the instants are written in UTC so that no offset arithmetic hides in the test. */
class BusinessCalendarTest {

    private static final List<String> OFFICE_DAY = List.of("09:00-12:00", "13:00-18:00");

    /** Berlin office, 8 hours a day with a lunch break, closed on New Year's Eve and Day. */
    private static final BusinessCalendar BERLIN_OFFICE =
            calendar("Europe/Berlin", weekdays(OFFICE_DAY), List.of("2026-12-31", "2027-01-01"));

    private static final BusinessCalendar NEW_YORK_OFFICE =
            calendar("America/New_York", weekdays(List.of("09:00-17:00")), List.of());

    private static final BusinessCalendar KOLKATA_OFFICE =
            calendar("Asia/Kolkata", weekdays(List.of("09:00-17:00")), List.of());

    private static final BusinessCalendar BERLIN_WEEKDAYS_9_TO_5 =
            calendar("Europe/Berlin", weekdays(List.of("09:00-17:00")), List.of());

    /** Every day 01:00-04:00, the hours the clocks change in Berlin. */
    private static final BusinessCalendar BERLIN_NIGHTS = calendar("Europe/Berlin", everyDay("01:00-04:00"), List.of());

    /** Sundays only, 02:30-05:00: the range starts inside the hour skipped or repeated. */
    private static final BusinessCalendar BERLIN_SUNDAY_EARLY =
            calendar("Europe/Berlin", Map.of("SUNDAY", List.of("02:30-05:00")), List.of());

    private static final BusinessCalendar NEW_YORK_ALL_DAY =
            calendar("America/New_York", everyDay("00:00-24:00"), List.of());

    static Stream<Arguments> plusCases() {
        return Stream.of(
                // Friday 17:00 CET, one hour left that day, the second on Monday from 09:00 CET.
                plus(
                        "Friday evening into Monday",
                        BERLIN_OFFICE,
                        "2026-11-27T16:00:00Z",
                        "PT2H",
                        "2026-11-30T09:00:00Z"),
                // Wednesday 17:00 CET, then the two holidays and the weekend.
                plus(
                        "across two holidays and a weekend",
                        BERLIN_OFFICE,
                        "2026-12-30T16:00:00Z",
                        "PT2H",
                        "2027-01-04T09:00:00Z"),
                plus("start on a holiday", BERLIN_OFFICE, "2026-12-31T09:00:00Z", "PT1H", "2027-01-04T09:00:00Z"),
                plus("start before opening", BERLIN_OFFICE, "2026-11-30T06:00:00Z", "PT30M", "2026-11-30T08:30:00Z"),
                plus("start during lunch", BERLIN_OFFICE, "2026-11-30T11:30:00Z", "PT30M", "2026-11-30T12:30:00Z"),
                plus("start after closing", BERLIN_OFFICE, "2026-11-30T18:00:00Z", "PT1H", "2026-12-01T09:00:00Z"),
                plus("start exactly at closing", BERLIN_OFFICE, "2026-11-30T17:00:00Z", "PT1H", "2026-12-01T09:00:00Z"),
                plus("across lunch", BERLIN_OFFICE, "2026-11-30T10:00:00Z", "PT2H", "2026-11-30T13:00:00Z"),
                plus(
                        "due at the end of the morning stays there",
                        BERLIN_OFFICE,
                        "2026-11-30T10:00:00Z",
                        "PT1H",
                        "2026-11-30T11:00:00Z"),
                plus(
                        "due at closing stays there",
                        BERLIN_OFFICE,
                        "2026-11-27T16:00:00Z",
                        "PT1H",
                        "2026-11-27T17:00:00Z"),
                plus(
                        "nothing to add inside working hours",
                        BERLIN_OFFICE,
                        "2026-11-30T10:00:00Z",
                        "PT0S",
                        "2026-11-30T10:00:00Z"),
                plus(
                        "nothing to add during lunch: the next opening",
                        BERLIN_OFFICE,
                        "2026-11-30T11:30:00Z",
                        "PT0S",
                        "2026-11-30T12:00:00Z"),
                // Friday 17:00 CET; Monday opens at 09:00 CEST = 07:00Z, not at 08:00Z.
                plus(
                        "Berlin spring forward over the weekend",
                        BERLIN_OFFICE,
                        "2026-03-27T16:00:00Z",
                        "PT2H",
                        "2026-03-30T08:00:00Z"),
                // Friday 17:00 CEST; Monday opens at 09:00 CET = 08:00Z.
                plus(
                        "Berlin fall back over the weekend",
                        BERLIN_OFFICE,
                        "2026-10-23T15:00:00Z",
                        "PT2H",
                        "2026-10-26T09:00:00Z"),
                // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z: the range holds 2 hours.
                plus(
                        "Berlin spring-forward night: 2 hours",
                        BERLIN_NIGHTS,
                        "2026-03-29T00:00:00Z",
                        "PT2H",
                        "2026-03-29T02:00:00Z"),
                // The rest on Monday, which opens at 01:00 CEST = 23:00Z on Sunday.
                plus(
                        "Berlin spring-forward night, then the next night",
                        BERLIN_NIGHTS,
                        "2026-03-29T00:00:00Z",
                        "PT2H30M",
                        "2026-03-29T23:30:00Z"),
                // 01:00 CEST = 23:00Z the day before; 04:00 CET = 03:00Z: the range holds 4 hours.
                plus(
                        "Berlin fall-back night: 4 hours",
                        BERLIN_NIGHTS,
                        "2026-10-24T23:00:00Z",
                        "PT4H",
                        "2026-10-25T03:00:00Z"),
                plus(
                        "Berlin fall-back night, then the next night",
                        BERLIN_NIGHTS,
                        "2026-10-24T23:00:00Z",
                        "PT4H1M",
                        "2026-10-26T00:01:00Z"),
                // 02:30 does not exist on 2026-03-29: the range opens when the clock jumps, 01:00Z.
                plus(
                        "opening inside the skipped hour",
                        BERLIN_SUNDAY_EARLY,
                        "2026-03-28T12:00:00Z",
                        "PT1H",
                        "2026-03-29T02:00:00Z"),
                // 02:30 is shown twice on 2026-10-25: the range opens at its first showing, 00:30Z (CEST).
                plus(
                        "opening inside the repeated hour",
                        BERLIN_SUNDAY_EARLY,
                        "2026-10-24T12:00:00Z",
                        "PT1H",
                        "2026-10-25T01:30:00Z"),
                // Friday 16:00 EST; Monday 09:00 EDT = 13:00Z.
                plus(
                        "New York spring forward over the weekend",
                        NEW_YORK_OFFICE,
                        "2026-03-06T21:00:00Z",
                        "PT2H",
                        "2026-03-09T14:00:00Z"),
                // Friday 16:00 EDT; Monday 09:00 EST = 14:00Z.
                plus(
                        "New York fall back over the weekend",
                        NEW_YORK_OFFICE,
                        "2026-10-30T20:00:00Z",
                        "PT2H",
                        "2026-11-02T15:00:00Z"),
                // 00:00 EST = 05:00Z; the day has 23 hours, so 23 h of a 24 h-open calendar end at 04:00Z.
                plus(
                        "New York spring-forward day on a 24 h calendar",
                        NEW_YORK_ALL_DAY,
                        "2026-03-08T05:00:00Z",
                        "PT23H",
                        "2026-03-09T04:00:00Z"),
                // 90 working days of 8 h = 18 weeks, used up at the last Friday's closing (17:00 IST = 11:30Z).
                plus(
                        "30 days of working time stays at the last closing",
                        KOLKATA_OFFICE,
                        "2026-01-05T03:30:00Z",
                        "PT720H",
                        "2026-05-08T11:30:00Z"),
                // The same 18 weeks in Berlin, over the spring change: 17:00 CEST = 15:00Z.
                plus(
                        "30 days of working time across a DST change",
                        BERLIN_WEEKDAYS_9_TO_5,
                        "2026-01-05T08:00:00Z",
                        "PT720H",
                        "2026-05-08T15:00:00Z"),
                plus(
                        "30 days of working time and one minute",
                        BERLIN_WEEKDAYS_9_TO_5,
                        "2026-01-05T08:00:00Z",
                        "PT720H1M",
                        "2026-05-11T07:01:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plusCases")
    void addsWorkingTime(String label, BusinessCalendar calendar, Instant start, Duration workingTime, Instant due) {
        assertThat(calendar.plus(start, workingTime)).isEqualTo(due);
    }

    static Stream<Arguments> betweenCases() {
        return Stream.of(
                between(
                        "Friday evening into Monday",
                        BERLIN_OFFICE,
                        "2026-11-27T16:00:00Z",
                        "2026-11-30T09:00:00Z",
                        "PT2H"),
                between("a day with lunch", BERLIN_OFFICE, "2026-11-30T07:00:00Z", "2026-11-30T18:00:00Z", "PT8H"),
                between(
                        "a holiday counts nothing",
                        BERLIN_OFFICE,
                        "2026-12-30T23:00:00Z",
                        "2026-12-31T23:00:00Z",
                        "PT0S"),
                between(
                        "a week with two holidays",
                        BERLIN_OFFICE,
                        "2026-12-28T00:00:00Z",
                        "2027-01-04T00:00:00Z",
                        "PT24H"),
                // 28 Mar 3 h, 29 Mar 2 h, 30 Mar 3 h, 31 Mar 01:00-02:00 CEST 1 h.
                between(
                        "Berlin nights around the spring change",
                        BERLIN_NIGHTS,
                        "2026-03-28T00:00:00Z",
                        "2026-03-31T00:00:00Z",
                        "PT9H"),
                // 24 Oct from 02:00 CEST 2 h, 25 Oct 4 h, 26 Oct 01:00-04:00 CET 3 h.
                between(
                        "Berlin nights around the fall change",
                        BERLIN_NIGHTS,
                        "2026-10-24T00:00:00Z",
                        "2026-10-26T23:00:00Z",
                        "PT9H"),
                // 02:30 skipped: 03:00-05:00 CEST. 02:30 repeated: 02:30 CEST to 05:00 CET.
                between(
                        "range opening in the skipped hour",
                        BERLIN_SUNDAY_EARLY,
                        "2026-03-29T00:00:00Z",
                        "2026-03-30T00:00:00Z",
                        "PT2H"),
                between(
                        "range opening in the repeated hour",
                        BERLIN_SUNDAY_EARLY,
                        "2026-10-25T00:00:00Z",
                        "2026-10-26T00:00:00Z",
                        "PT3H30M"),
                between(
                        "New York spring-forward day has 23 hours",
                        NEW_YORK_ALL_DAY,
                        "2026-03-08T05:00:00Z",
                        "2026-03-09T04:00:00Z",
                        "PT23H"),
                between(
                        "New York fall-back day has 25 hours",
                        NEW_YORK_ALL_DAY,
                        "2026-11-01T04:00:00Z",
                        "2026-11-02T05:00:00Z",
                        "PT25H"),
                between(
                        "New York weekend over the spring change",
                        NEW_YORK_OFFICE,
                        "2026-03-06T21:00:00Z",
                        "2026-03-09T14:00:00Z",
                        "PT2H"),
                between(
                        "a year of weekdays in Kolkata",
                        KOLKATA_OFFICE,
                        "2026-01-01T00:00:00Z",
                        "2027-01-01T00:00:00Z",
                        "PT2088H"),
                // 2026 has 261 weekdays; one of them, New Year's Eve, is a holiday of this calendar.
                between(
                        "a year of the Berlin office",
                        BERLIN_OFFICE,
                        "2025-12-31T23:00:00Z",
                        "2026-12-31T23:00:00Z",
                        "PT2080H"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("betweenCases")
    void measuresWorkingTime(String label, BusinessCalendar calendar, Instant from, Instant to, Duration expected) {
        assertThat(calendar.between(from, to)).isEqualTo(expected);
        assertThat(calendar.between(to, from)).isEqualTo(expected.negated());
    }

    @Test
    void refusesNegativeWorkingTime() {
        assertThatThrownBy(() -> BERLIN_OFFICE.plus(Instant.parse("2026-11-30T10:00:00Z"), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isNamedAfterItsDefinition() {
        assertThat(BERLIN_OFFICE.name()).isEqualTo("test");
        assertThat(new TwentyFourSevenCalendar().name()).isEqualTo("24x7");
    }

    private static Arguments plus(String label, BusinessCalendar calendar, String start, String time, String due) {
        return Arguments.of(label, calendar, Instant.parse(start), Duration.parse(time), Instant.parse(due));
    }

    private static Arguments between(String label, BusinessCalendar calendar, String from, String to, String time) {
        return Arguments.of(label, calendar, Instant.parse(from), Instant.parse(to), Duration.parse(time));
    }

    static BusinessCalendar calendar(String zone, Map<String, List<String>> hours, List<String> holidays) {
        return new BusinessCalendar(CalendarDefinition.parse("test", zone, hours, holidays));
    }

    private static Map<String, List<String>> weekdays(List<String> ranges) {
        return Map.of("MONDAY", ranges, "TUESDAY", ranges, "WEDNESDAY", ranges, "THURSDAY", ranges, "FRIDAY", ranges);
    }

    private static Map<String, List<String>> everyDay(String range) {
        Map<String, List<String>> hours = new java.util.HashMap<>(weekdays(List.of(range)));
        hours.put("SATURDAY", List.of(range));
        hours.put("SUNDAY", List.of(range));
        return hours;
    }
}
