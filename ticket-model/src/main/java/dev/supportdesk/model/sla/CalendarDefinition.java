package dev.supportdesk.model.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A business calendar as an administrator defines it: a time zone, the working ranges of each day of the week
 * in that zone's wall-clock time (a day without an entry, or with an empty list, is closed) and holidays (whole
 * local dates without working time). Immutable: the ranges of each day are sorted by start and never overlap,
 * the holidays are sorted, and the week holds some working time, so that adding working time always ends.
 * {@link BusinessCalendar} does the arithmetic.
 */
public record CalendarDefinition(
        String name, ZoneId timeZone, Map<DayOfWeek, List<WorkingRange>> workingHours, Set<LocalDate> holidays) {

    /** Half-hour ranges all day long; more would only slow every computation on that day down. */
    static final int MAX_RANGES_PER_DAY = 48;

    private static final Pattern RANGE =
            Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24:00))");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    public CalendarDefinition {
        if (name == null || name.isBlank()) {
            throw new CalendarDefinitionException("name", "a calendar needs a name");
        }
        if (timeZone == null) {
            throw new CalendarDefinitionException("timeZone", "a calendar needs a time zone");
        }
        if (workingHours == null) {
            throw new CalendarDefinitionException("workingHours", "a calendar needs working hours");
        }
        Map<DayOfWeek, List<WorkingRange>> days = new EnumMap<>(DayOfWeek.class);
        Duration week = Duration.ZERO;
        for (Map.Entry<DayOfWeek, List<WorkingRange>> day : workingHours.entrySet()) {
            String field = "workingHours." + day.getKey();
            if (day.getKey() == null || day.getValue() == null) {
                throw new CalendarDefinitionException(day.getKey() == null ? "workingHours" : field, "no such day");
            }
            if (day.getValue().size() > MAX_RANGES_PER_DAY) {
                throw new CalendarDefinitionException(field, "at most " + MAX_RANGES_PER_DAY + " working ranges a day");
            }
            List<WorkingRange> ranges = new ArrayList<>();
            for (WorkingRange range : day.getValue()) {
                if (range == null) {
                    throw new CalendarDefinitionException(field, "a working range is missing");
                }
                ranges.add(range);
            }
            ranges.sort(Comparator.comparing(WorkingRange::start));
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i - 1).overlaps(ranges.get(i))) {
                    throw new CalendarDefinitionException(
                            field,
                            "working ranges " + ranges.get(i - 1).text() + " and "
                                    + ranges.get(i).text() + " overlap");
                }
            }
            for (WorkingRange range : ranges) {
                week = week.plus(range.nominalLength());
            }
            days.put(day.getKey(), List.copyOf(ranges));
        }
        if (week.isZero()) {
            throw new CalendarDefinitionException(
                    "workingHours", "a calendar needs some working time in the week, or its clocks never end");
        }
        workingHours = Collections.unmodifiableMap(days);
        if (holidays == null) {
            holidays = Set.of();
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate holiday : holidays) {
            if (holiday == null) {
                throw new CalendarDefinitionException("holidays", "a holiday is missing");
            }
            dates.add(holiday);
        }
        holidays = Collections.unmodifiableSortedSet(dates);
    }

    /**
     * Reads the API's shape strictly, naming the first field at fault: {@code timeZone} is a region id of the
     * time-zone database exactly as it spells it ({@code Europe/Berlin}; no fixed offsets such as
     * {@code +01:00}, no other case); {@code workingHours} is required, its keys are day names in capitals
     * ({@code MONDAY}), each range is {@code HH:mm-HH:mm} with two-digit hours and minutes, {@code 24:00} only as
     * an end, the end after the start (no range across midnight, none empty), at most 48 a day, and no two
     * ranges of a day overlap (touching is fine; the later-listed range of the earliest overlap is named); {@code holidays} may be absent (none), each is an existing date
     * {@code yyyy-MM-dd}, none listed twice. The week must hold some working time.
     */
    public static CalendarDefinition parse(
            String name, String timeZone, Map<String, List<String>> workingHours, List<String> holidays) {
        return new CalendarDefinition(
                name, parseZone(timeZone), parseWorkingHours(workingHours), parseHolidays(holidays));
    }

    private static ZoneId parseZone(String text) {
        if (text == null) {
            throw new CalendarDefinitionException("timeZone", "a calendar needs a time zone");
        }
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw new CalendarDefinitionException(
                    "timeZone", "not a time zone of the time-zone database (e.g. Europe/Berlin): " + quoted(text));
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new CalendarDefinitionException("timeZone", "not a usable time zone: " + quoted(text));
        }
    }

    private static Map<DayOfWeek, List<WorkingRange>> parseWorkingHours(Map<String, List<String>> workingHours) {
        if (workingHours == null) {
            throw new CalendarDefinitionException("workingHours", "a calendar needs working hours");
        }
        Map<DayOfWeek, List<WorkingRange>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<String>> day : workingHours.entrySet()) {
            DayOfWeek dayOfWeek = parseDay(day.getKey());
            String field = "workingHours." + dayOfWeek;
            if (day.getValue() == null) {
                throw new CalendarDefinitionException(field, "a list of working ranges (empty when closed)");
            }
            List<String> texts = day.getValue();
            if (texts.size() > MAX_RANGES_PER_DAY) {
                throw new CalendarDefinitionException(
                        field, "at most " + MAX_RANGES_PER_DAY + " working ranges a day, not " + texts.size());
            }
            List<WorkingRange> ranges = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                ranges.add(parseRange(field + "[" + i + "]", texts.get(i)));
            }
            refuseOverlaps(field, ranges);
            days.put(dayOfWeek, ranges);
        }
        return days;
    }

    /**
     * Names the later-listed range of the overlap that starts earliest. Sorting finds every overlap: when two
     * ranges overlap, so do two that are neighbours by start.
     */
    private static void refuseOverlaps(String field, List<WorkingRange> ranges) {
        List<Integer> byStart = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            byStart.add(i);
        }
        byStart.sort(Comparator.comparing((Integer i) -> ranges.get(i).start()).thenComparing(i -> i));
        for (int k = 1; k < byStart.size(); k++) {
            int a = Math.min(byStart.get(k - 1), byStart.get(k));
            int b = Math.max(byStart.get(k - 1), byStart.get(k));
            if (ranges.get(a).overlaps(ranges.get(b))) {
                throw new CalendarDefinitionException(
                        field + "[" + b + "]",
                        ranges.get(b).text() + " overlaps " + ranges.get(a).text() + " (" + field + "[" + a + "])");
            }
        }
    }

    private static DayOfWeek parseDay(String key) {
        if (key != null) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(key)) {
                    return day;
                }
            }
        }
        // The key goes into the field name only when it is short, printable ASCII: the field is echoed in answers.
        boolean showable = key != null && key.length() <= 32 && key.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        throw new CalendarDefinitionException(
                showable ? "workingHours." + key : "workingHours",
                "not a day of the week (MONDAY ... SUNDAY in capitals): " + quoted(key));
    }

    private static WorkingRange parseRange(String field, String text) {
        if (text == null) {
            throw new CalendarDefinitionException(field, "a working range HH:mm-HH:mm is missing");
        }
        Matcher matcher = RANGE.matcher(text);
        if (!matcher.matches()) {
            throw new CalendarDefinitionException(
                    field, "not a working range HH:mm-HH:mm (e.g. 09:00-18:00, 24:00 only as an end): " + quoted(text));
        }
        LocalTime start = LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        boolean endOfDay = matcher.group(5) != null;
        LocalTime end = endOfDay
                ? LocalTime.MIDNIGHT
                : LocalTime.of(Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
        // 00:00 as an end is refused rather than read as midnight: the end of the day is written 24:00.
        if (!endOfDay && !end.isAfter(start)) {
            throw new CalendarDefinitionException(
                    field,
                    "a working range ends after it starts, on the same day (split a range across midnight; "
                            + "24:00 for the end of the day): " + quoted(text));
        }
        return new WorkingRange(start, end);
    }

    private static Set<LocalDate> parseHolidays(List<String> holidays) {
        if (holidays == null) {
            return Set.of();
        }
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            String field = "holidays[" + i + "]";
            String text = holidays.get(i);
            if (text == null) {
                throw new CalendarDefinitionException(field, "a holiday yyyy-MM-dd is missing");
            }
            LocalDate date;
            try {
                if (!DATE.matcher(text).matches()) {
                    throw new DateTimeException(text);
                }
                date = LocalDate.parse(text, STRICT_DATE);
            } catch (DateTimeException e) {
                throw new CalendarDefinitionException(field, "not an existing date yyyy-MM-dd: " + quoted(text));
            }
            if (!dates.add(date)) {
                throw new CalendarDefinitionException(field, "holiday " + text + " is listed twice");
            }
        }
        return dates;
    }

    private static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || !Character.isDefined(c) || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(Character.toChars(c));
            }
        });
        return out.append('"').toString();
    }

    /** Working time of a week without holidays or daylight-saving changes. */
    Duration nominalWeek() {
        Duration week = Duration.ZERO;
        for (List<WorkingRange> ranges : workingHours.values()) {
            for (WorkingRange range : ranges) {
                week = week.plus(range.nominalLength());
            }
        }
        return week;
    }

    /** The day's ranges, sorted; empty when it is closed. */
    List<WorkingRange> ranges(DayOfWeek day) {
        return workingHours.getOrDefault(day, List.of());
    }
}
