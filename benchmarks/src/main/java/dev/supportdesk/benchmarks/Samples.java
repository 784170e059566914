package dev.supportdesk.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies of one kind of operation (nanoseconds), the failures beside them, and the wall time they took. */
final class Samples {

    private final String name;
    private long[] values = new long[256];
    private int size;
    private int failures;
    private final List<String> failureExamples = new ArrayList<>();
    private long wallNanos;

    Samples(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized void fail(String what) {
        failures++;
        if (failureExamples.size() < 3) {
            failureExamples.add(what);
        }
    }

    synchronized int count() {
        return size;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized List<String> failureExamples() {
        return List.copyOf(failureExamples);
    }

    void wallNanos(long nanos) {
        this.wallNanos = nanos;
    }

    long wallNanos() {
        return wallNanos;
    }

    /** Successful operations per second of wall time (all clients together). */
    double perSecond() {
        return wallNanos == 0 ? Double.NaN : count() / (wallNanos / 1e9);
    }

    synchronized long countAbove(double millis) {
        long above = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] / 1e6 > millis) {
                above++;
            }
        }
        return above;
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(95)}. */
    synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
