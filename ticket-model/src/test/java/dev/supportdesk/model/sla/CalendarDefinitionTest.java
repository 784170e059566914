package dev.supportdesk.model.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarDefinitionTest {

    private static final String ZONE = "Europe/Berlin";

    @Test
    void readsTheApiShape() {
        CalendarDefinition definition = CalendarDefinition.parse(
                "office",
                ZONE,
                Map.of("MONDAY", List.of("13:00-18:00", "09:00-12:00"), "FRIDAY", List.of("22:00-24:00")),
                List.of("2026-12-31", "2026-01-01"));

        assertThat(definition.name()).isEqualTo("office");
        assertThat(definition.timeZone()).isEqualTo(ZoneId.of(ZONE));
        assertThat(definition.workingHours().get(DayOfWeek.MONDAY))
                .containsExactly(
                        new WorkingRange(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new WorkingRange(LocalTime.of(13, 0), LocalTime.of(18, 0)));
        assertThat(definition.workingHours().get(DayOfWeek.FRIDAY))
                .containsExactly(new WorkingRange(LocalTime.of(22, 0), LocalTime.MIDNIGHT));
        assertThat(definition.workingHours().get(DayOfWeek.FRIDAY).get(0).text())
                .isEqualTo("22:00-24:00");
        assertThat(definition.workingHours()).doesNotContainKey(DayOfWeek.TUESDAY);
        assertThat(definition.holidays()).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(definition.nominalWeek()).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void acceptsTouchingRangesClosedDaysAndNoHolidays() {
        CalendarDefinition definition = CalendarDefinition.parse(
                "c",
                "America/New_York",
                Map.of("MONDAY", List.of("09:00-12:00", "12:00-13:00"), "SUNDAY", List.of()),
                null);

        assertThat(definition.workingHours().get(DayOfWeek.MONDAY)).hasSize(2);
        assertThat(definition.workingHours().get(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(definition.holidays()).isEmpty();
        assertThat(CalendarDefinition.parse("c", ZONE, Map.of("SUNDAY", List.of("00:00-24:00")), List.of())
                        .nominalWeek())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void isImmutable() {
        Map<String, List<String>> hours = new HashMap<>(Map.of("MONDAY", List.of("09:00-17:00")));
        CalendarDefinition definition = CalendarDefinition.parse("c", ZONE, hours, List.of());
        hours.put("TUESDAY", List.of("09:00-17:00"));

        assertThat(definition.workingHours()).containsOnlyKeys(DayOfWeek.MONDAY);
        assertThatThrownBy(() -> definition.workingHours().put(DayOfWeek.TUESDAY, List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.workingHours().get(DayOfWeek.MONDAY).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.holidays().add(LocalDate.of(2026, 1, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalDefinitionsAreEqual() {
        assertThat(CalendarDefinition.parse("c", ZONE, Map.of("MONDAY", List.of("13:00-14:00", "09:00-10:00")), null))
                .isEqualTo(new CalendarDefinition(
                        "c",
                        ZoneId.of(ZONE),
                        Map.of(
                                DayOfWeek.MONDAY,
                                List.of(
                                        new WorkingRange(LocalTime.of(9, 0), LocalTime.of(10, 0)),
                                        new WorkingRange(LocalTime.of(13, 0), LocalTime.of(14, 0)))),
                        Set.of()));
    }

    static Stream<Arguments> refusals() {
        List<String> day = List.of("09:00-17:00");
        return Stream.of(
                refused("missing time zone", null, Map.of("MONDAY", day), null, "timeZone"),
                refused("unknown time zone", "Europe/Atlantis", Map.of("MONDAY", day), null, "timeZone"),
                refused("time zone in other case", "europe/berlin", Map.of("MONDAY", day), null, "timeZone"),
                refused("time zone with a space", "Europe/Berlin ", Map.of("MONDAY", day), null, "timeZone"),
                refused("fixed offset", "+01:00", Map.of("MONDAY", day), null, "timeZone"),
                refused("empty time zone", "", Map.of("MONDAY", day), null, "timeZone"),
                refused("missing working hours", ZONE, null, null, "workingHours"),
                refused("no working time at all", ZONE, Map.of(), null, "workingHours"),
                refused(
                        "only closed days",
                        ZONE,
                        Map.of("MONDAY", List.of(), "SUNDAY", List.of()),
                        null,
                        "workingHours"),
                refused("day in lower case", ZONE, Map.of("monday", day), null, "workingHours.monday"),
                refused("day with a space", ZONE, Map.of("MONDAY ", day), null, "workingHours.MONDAY "),
                refused("abbreviated day", ZONE, Map.of("MON", day), null, "workingHours.MON"),
                refused("day as a number", ZONE, Map.of("1", day), null, "workingHours.1"),
                refused("null day", ZONE, nullKey(), null, "workingHours"),
                refused("null list", ZONE, nullValue("TUESDAY"), null, "workingHours.TUESDAY"),
                refused(
                        "null range",
                        ZONE,
                        Map.of("MONDAY", Arrays.asList("09:00-10:00", null)),
                        null,
                        "workingHours.MONDAY[1]"),
                refused(
                        "one-digit hour",
                        ZONE,
                        Map.of("MONDAY", List.of("9:00-17:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused(
                        "seconds",
                        ZONE,
                        Map.of("MONDAY", List.of("09:00:00-17:00:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused("spaces", ZONE, Map.of("MONDAY", List.of("09:00 - 17:00")), null, "workingHours.MONDAY[0]"),
                refused(
                        "trailing garbage",
                        ZONE,
                        Map.of("MONDAY", List.of("09:00-17:00x")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused("hour 25", ZONE, Map.of("MONDAY", List.of("09:00-25:00")), null, "workingHours.MONDAY[0]"),
                refused("24:30", ZONE, Map.of("MONDAY", List.of("09:00-24:30")), null, "workingHours.MONDAY[0]"),
                refused(
                        "24:00 as a start",
                        ZONE,
                        Map.of("MONDAY", List.of("24:00-24:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused("minute 60", ZONE, Map.of("MONDAY", List.of("09:60-17:00")), null, "workingHours.MONDAY[0]"),
                refused(
                        "non-ASCII digits",
                        ZONE,
                        Map.of("MONDAY", List.of("٠٩:00-17:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused("empty range", ZONE, Map.of("MONDAY", List.of("09:00-09:00")), null, "workingHours.MONDAY[0]"),
                refused(
                        "end before start",
                        ZONE,
                        Map.of("MONDAY", List.of("18:00-09:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused(
                        "00:00 as an end",
                        ZONE,
                        Map.of("MONDAY", List.of("22:00-00:00")),
                        null,
                        "workingHours.MONDAY[0]"),
                refused(
                        "overlapping ranges",
                        ZONE,
                        Map.of("FRIDAY", List.of("09:00-12:00", "13:00-18:00", "11:00-14:00")),
                        null,
                        "workingHours.FRIDAY[2]"),
                refused(
                        "the same range twice",
                        ZONE,
                        Map.of("FRIDAY", List.of("09:00-12:00", "09:00-12:00")),
                        null,
                        "workingHours.FRIDAY[1]"),
                refused(
                        "a range inside another",
                        ZONE,
                        Map.of("FRIDAY", List.of("09:00-18:00", "10:00-11:00")),
                        null,
                        "workingHours.FRIDAY[1]"),
                refused(
                        "overlap listed first",
                        ZONE,
                        Map.of("FRIDAY", List.of("11:00-14:00", "09:00-12:00", "13:00-18:00")),
                        null,
                        "workingHours.FRIDAY[1]"),
                refused(
                        "more than 48 ranges a day",
                        ZONE,
                        Map.of("MONDAY", halfHours(49)),
                        null,
                        "workingHours.MONDAY"),
                refused("day with a control character", ZONE, Map.of("MON\nDAY", day), null, "workingHours"),
                refused("day name too long to repeat", ZONE, Map.of("MONDAY".repeat(10), day), null, "workingHours"),
                refused("null holiday", ZONE, Map.of("MONDAY", day), Arrays.asList("2026-12-24", null), "holidays[1]"),
                refused(
                        "30 February",
                        ZONE,
                        Map.of("MONDAY", day),
                        List.of("2026-01-01", "2026-12-31", "2026-02-30"),
                        "holidays[2]"),
                refused(
                        "29 February of a common year",
                        ZONE,
                        Map.of("MONDAY", day),
                        List.of("2026-02-29"),
                        "holidays[0]"),
                refused("one-digit month", ZONE, Map.of("MONDAY", day), List.of("2026-1-01"), "holidays[0]"),
                refused("date and time", ZONE, Map.of("MONDAY", day), List.of("2026-12-31T00:00"), "holidays[0]"),
                refused("signed year", ZONE, Map.of("MONDAY", day), List.of("+2026-12-31"), "holidays[0]"),
                refused("holiday with a space", ZONE, Map.of("MONDAY", day), List.of(" 2026-12-31"), "holidays[0]"),
                refused(
                        "holiday twice",
                        ZONE,
                        Map.of("MONDAY", day),
                        List.of("2026-12-31", "2026-12-31"),
                        "holidays[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheFieldAtFault(
            String label, String zone, Map<String, List<String>> hours, List<String> holidays, String field) {
        assertThatThrownBy(() -> CalendarDefinition.parse("c", zone, hours, holidays))
                .isInstanceOfSatisfying(CalendarDefinitionException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void refusesAMissingName() {
        assertThatThrownBy(() -> CalendarDefinition.parse(" ", ZONE, Map.of("MONDAY", List.of("09:00-17:00")), null))
                .isInstanceOfSatisfying(
                        CalendarDefinitionException.class,
                        e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void constructorSortsRangesAndRefusesOverlaps() {
        WorkingRange afternoon = new WorkingRange(LocalTime.of(13, 0), LocalTime.of(18, 0));
        WorkingRange morning = new WorkingRange(LocalTime.of(9, 0), LocalTime.of(12, 0));
        CalendarDefinition definition = new CalendarDefinition(
                "c", ZoneId.of(ZONE), Map.of(DayOfWeek.MONDAY, List.of(afternoon, morning)), Set.of());
        assertThat(definition.workingHours().get(DayOfWeek.MONDAY)).containsExactly(morning, afternoon);

        WorkingRange lunch = new WorkingRange(LocalTime.of(11, 0), LocalTime.of(14, 0));
        assertThatThrownBy(() -> new CalendarDefinition(
                        "c", ZoneId.of(ZONE), Map.of(DayOfWeek.MONDAY, List.of(afternoon, lunch)), Set.of()))
                .isInstanceOfSatisfying(
                        CalendarDefinitionException.class,
                        e -> assertThat(e.field()).isEqualTo("workingHours.MONDAY"));
    }

    @Test
    void workingRangesEndAfterTheyStartOrAtMidnight() {
        assertThatThrownBy(() -> new WorkingRange(LocalTime.of(9, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WorkingRange(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).nominalLength())
                .isEqualTo(Duration.ofDays(1));
        assertThat(new WorkingRange(LocalTime.of(9, 0), LocalTime.of(9, 30)).text())
                .isEqualTo("09:00-09:30");
    }

    @Test
    void messagesShowControlCharactersEscaped() {
        assertThatThrownBy(() -> CalendarDefinition.parse("c", "Europe/\u0000Berlin", Map.of(), null))
                .hasMessageContaining("\\u0000")
                .hasMessageNotContaining("\u0000");
    }

    private static Arguments refused(
            String label, String zone, Map<String, List<String>> hours, List<String> holidays, String field) {
        return Arguments.of(label, zone, hours, holidays, field);
    }

    @Test
    void acceptsFortyEightRangesADay() {
        assertThat(CalendarDefinition.parse("c", ZONE, Map.of("MONDAY", halfHours(48)), null)
                        .nominalWeek())
                .isEqualTo(Duration.ofHours(24));
    }

    /** Consecutive half-hour ranges from midnight, listed backwards so that parsing must sort them. */
    private static List<String> halfHours(int count) {
        List<String> ranges = new java.util.ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            LocalTime start = LocalTime.MIDNIGHT.plusMinutes(30L * i);
            LocalTime end = start.plusMinutes(30);
            ranges.add(start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString()));
        }
        return ranges;
    }

    private static Map<String, List<String>> nullKey() {
        Map<String, List<String>> hours = new HashMap<>();
        hours.put(null, List.of("09:00-17:00"));
        return hours;
    }

    private static Map<String, List<String>> nullValue(String day) {
        Map<String, List<String>> hours = new LinkedHashMap<>();
        hours.put("MONDAY", List.of("09:00-17:00"));
        hours.put(day, null);
        return hours;
    }
}
