package dev.supportdesk.ticket.query.report;

import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's parameters, checked strictly: {@code from} and {@code to} (ISO-8601 instants, default the last 30
 * days up to now), {@code tz} (an IANA zone, default UTC) and, for the bucketed reports, {@code interval}. Every
 * bad value is one 400 problem naming each bad parameter.
 */
record ReportWindow(Instant from, Instant to, ZoneId zone, Interval interval) {

    static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    /** Hourly buckets over at most 31 days (744 buckets): beyond that a chart cannot show them anyway. */
    static final Duration MAX_HOURLY = Duration.ofDays(31);
    /** Daily buckets over at most about ten years. */
    static final Duration MAX_DAILY = Duration.ofDays(3660);

    enum Interval {
        HOUR,
        DAY
    }

    static ReportWindow parse(String from, String to, String tz, String interval, boolean bucketed, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        ZoneId zone = zone(tz, errors);
        Interval every = null;
        if (bucketed) {
            every = interval(interval, errors);
        }
        if (errors.isEmpty()) {
            if (end == null) {
                end = start != null && start.isAfter(now) ? start : now;
            }
            if (start == null) {
                start = end.minus(DEFAULT_LENGTH);
            }
            if (start.isAfter(end)) {
                errors.add(new FieldProblem("from", "is after to (" + end + ")"));
            } else if (every == Interval.HOUR && Duration.between(start, end).compareTo(MAX_HOURLY) > 0) {
                errors.add(new FieldProblem("interval", "hourly buckets cover at most 31 days; use interval=day"));
            } else if (every == Interval.DAY && Duration.between(start, end).compareTo(MAX_DAILY) > 0) {
                errors.add(new FieldProblem("to", "a report covers at most 3660 days"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The report's parameters are not valid", errors);
        }
        return new ReportWindow(start, end, zone, every);
    }

    /**
     * The bucket boundaries: the first bucket starts at the interval's local start that holds {@code from} (the
     * day's midnight or the hour in {@code zone}), each next one an interval later in that zone, until one reaches
     * {@code to}. Days follow the local calendar (23 or 25 hours across a DST change); hours follow the instant
     * line, so a repeated local hour is two buckets and a skipped one none.
     */
    List<Instant> bounds() {
        List<Instant> bounds = new ArrayList<>();
        ZonedDateTime at = from.atZone(zone);
        ZonedDateTime bucket =
                interval == Interval.DAY ? at.toLocalDate().atStartOfDay(zone) : at.truncatedTo(ChronoUnit.HOURS);
        bounds.add(bucket.toInstant());
        while (bucket.toInstant().isBefore(to)) {
            bucket = interval == Interval.DAY
                    ? bucket.toLocalDate().plusDays(1).atStartOfDay(zone)
                    : bucket.plusHours(1);
            bounds.add(bucket.toInstant());
        }
        if (bounds.size() == 1) {
            // an empty window (from = to) on a boundary: one bucket, the one that starts there
            bounds.add(
                    interval == Interval.DAY
                            ? bucket.toLocalDate()
                                    .plusDays(1)
                                    .atStartOfDay(zone)
                                    .toInstant()
                            : bucket.plusHours(1).toInstant());
        }
        return bounds;
    }

    private static Instant instant(String name, String value, List<FieldProblem> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(name, "is not an ISO-8601 instant such as 2026-11-25T09:30:00Z"));
            return null;
        }
    }

    private static ZoneId zone(String tz, List<FieldProblem> errors) {
        if (tz == null) {
            return ZoneId.of("UTC");
        }
        if (!ZoneId.getAvailableZoneIds().contains(tz)) {
            errors.add(new FieldProblem("tz", "is not an IANA time zone such as Europe/Zurich"));
            return null;
        }
        return ZoneId.of(tz);
    }

    private static Interval interval(String value, List<FieldProblem> errors) {
        if (value == null) {
            return Interval.DAY;
        }
        return switch (value) {
            case "hour" -> Interval.HOUR;
            case "day" -> Interval.DAY;
            default -> {
                errors.add(new FieldProblem("interval", "is hour or day"));
                yield null;
            }
        };
    }

    /** One of {@code allowed} (lower case, as the API spells them), or a 400 naming {@code groupBy}. */
    static String groupBy(String value, List<String> allowed, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiProblem.badRequest(
                    "The report's parameters are not valid",
                    List.of(new FieldProblem("groupBy", "is one of " + String.join(", ", allowed))));
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
