package dev.supportdesk.benchmarks;

import dev.supportdesk.model.sla.BusinessCalendar;
import dev.supportdesk.model.sla.CalendarDefinition;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Business-time arithmetic over long targets, in this JVM, beside the 24x7 calendar measured in the same run:
 * what computing one due instant (and measuring the working time back) costs when the target spans months or
 * years of calendar time. Pure CPU, no platform. Not a test: nothing here asserts.
 */
public final class CalendarBenchmark {

    private static final int STARTS = 1_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 5;

    private CalendarBenchmark() {}

    public static void main(String[] args) {
        List<String> holidays = new ArrayList<>();
        for (int year = 2026; year <= 2036; year++) {
            for (String day : List.of("01-01", "05-01", "10-03", "12-24", "12-25", "12-26", "12-31")) {
                holidays.add(year + "-" + day);
            }
        }
        List<String> office = List.of("09:00-12:00", "13:00-18:00");
        Map<String, List<String>> weekdays =
                Map.of("MONDAY", office, "TUESDAY", office, "WEDNESDAY", office, "THURSDAY", office, "FRIDAY", office);
        List<Case> cases = List.of(
                new Case("24x7 (baseline)", new TwentyFourSevenCalendar(), Duration.ofDays(30)),
                new Case(
                        "Berlin office, 40 h/week, holidays",
                        calendar("office", "Europe/Berlin", weekdays, holidays),
                        Duration.ofDays(30)),
                new Case(
                        "Berlin, 2 h/week, holidays (about 7 years)",
                        calendar("sparse", "Europe/Berlin", Map.of("MONDAY", List.of("10:00-12:00")), holidays),
                        Duration.ofDays(30)),
                new Case(
                        "Kolkata, 2 h/week, no holidays (about 7 years)",
                        calendar("kolkata", "Asia/Kolkata", Map.of("MONDAY", List.of("10:00-12:00")), List.of()),
                        Duration.ofDays(30)));
        Instant[] starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 31_567L);
        }
        System.out.println("Business-time arithmetic: " + STARTS + " starts over 2026, target 30 days of working"
                + " time, best of " + ROUNDS + " rounds after " + WARMUP_ROUNDS + " warm-up rounds");
        System.out.printf("%-48s %14s %14s %10s%n", "calendar", "plus (us/op)", "between (us/op)", "vs 24x7");
        double baseline = Double.NaN;
        long sink = 0;
        for (Case c : cases) {
            double bestPlus = Double.MAX_VALUE;
            double bestBetween = Double.MAX_VALUE;
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                Instant[] dues = new Instant[STARTS];
                long began = System.nanoTime();
                for (int i = 0; i < STARTS; i++) {
                    dues[i] = c.calendar().plus(starts[i], c.target());
                }
                long plusNanos = System.nanoTime() - began;
                began = System.nanoTime();
                for (int i = 0; i < STARTS; i++) {
                    sink += c.calendar().between(starts[i], dues[i]).getSeconds();
                }
                long betweenNanos = System.nanoTime() - began;
                if (round >= WARMUP_ROUNDS) {
                    bestPlus = Math.min(bestPlus, plusNanos / 1_000.0 / STARTS);
                    bestBetween = Math.min(bestBetween, betweenNanos / 1_000.0 / STARTS);
                }
            }
            if (Double.isNaN(baseline)) {
                baseline = bestPlus;
            }
            System.out.printf("%-48s %14.2f %14.2f %9.0fx%n", c.label(), bestPlus, bestBetween, bestPlus / baseline);
        }
        // Printed so that the work above cannot be optimised away.
        System.out.println("(checksum " + sink + ")");
    }

    private static BusinessCalendar calendar(
            String name, String zone, Map<String, List<String>> hours, List<String> holidays) {
        return new BusinessCalendar(CalendarDefinition.parse(name, zone, hours, holidays));
    }

    private record Case(String label, WorkingCalendar calendar, Duration target) {}
}
