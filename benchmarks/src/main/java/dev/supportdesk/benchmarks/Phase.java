package dev.supportdesk.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured phase: what ran (closed loop at {@code clients}, or open loop at {@code targetRate} per
 * second), the operations that count for its rate ({@code counted}), every kind in detail, its wall time and
 * the CPU all platform processes used meanwhile, in all and per kind of process ({@link PlatformCpu#PROCESSES}).
 */
record Phase(
        String workload,
        int clients,
        double targetRate,
        long wallNanos,
        long cpuMillis,
        Map<String, Long> cpuMillisByProcess,
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

    /** CPU milliseconds per counted operation that one kind of process used. */
    double cpuMillisPerOperation(String process) {
        return counted.count() == 0
                ? Double.NaN
                : cpuMillisByProcess.getOrDefault(process, 0L) / (double) counted.count();
    }

    /** The CPU per operation of every kind of process that used any, for a progress line. */
    String cpuSplit() {
        StringBuilder split = new StringBuilder();
        for (String process : PlatformCpu.PROCESSES) {
            if (cpuMillisByProcess.getOrDefault(process, 0L) > 0) {
                split.append(split.isEmpty() ? "" : ", ")
                        .append(process)
                        .append(String.format(Locale.ROOT, " %.2f", cpuMillisPerOperation(process)));
            }
        }
        return split.toString();
    }

    int failures() {
        return kinds.stream().mapToInt(Samples::failures).sum();
    }

    /** A rate the platform holds: every operation answered well, and the p99 within the target. */
    boolean holds(double p99TargetMillis) {
        return failures() == 0 && counted.count() > 0 && counted.percentileMillis(99) <= p99TargetMillis;
    }
}
