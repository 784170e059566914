package dev.supportdesk.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * One measured phase: what ran (closed loop at {@code clients}, or open loop at {@code targetRate} per
 * second), the operations that count for its rate ({@code counted}), every kind in detail, its wall time and
 * the CPU all platform processes used meanwhile.
 */
record Phase(
        String workload,
        int clients,
        double targetRate,
        long wallNanos,
        long cpuMillis,
        Samples counted,
        List<Samples> kinds) {

    boolean openLoop() {
        return targetRate > 0;
    }

    String load() {
        return openLoop()
                ? String.format(Locale.ROOT, "open loop %.0f/s", targetRate)
                : clients + (clients == 1 ? " client" : " clients");
    }

    double perSecond() {
        return wallNanos == 0 ? Double.NaN : counted.count() / (wallNanos / 1e9);
    }

    double cpuMillisPerOperation() {
        return counted.count() == 0 ? Double.NaN : cpuMillis / (double) counted.count();
    }

    int failures() {
        return kinds.stream().mapToInt(Samples::failures).sum();
    }

    /** A rate the platform holds: every operation answered well, and the p99 within the target. */
    boolean holds(double p99TargetMillis) {
        return failures() == 0 && counted.count() > 0 && counted.percentileMillis(99) <= p99TargetMillis;
    }
}
