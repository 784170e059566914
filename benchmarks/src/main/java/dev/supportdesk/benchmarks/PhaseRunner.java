package dev.supportdesk.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one fixed-duration phase of any workload, closed or open loop, with the platform's CPU metered over
 * it and, when asked, the memory of every process read at its middle (the platform under that load).
 */
final class PhaseRunner {

    /** How a phase drives its operation: a number of closed-loop clients, or an open-loop rate. */
    record Load(int clients, double perSecond) {

        static Load closed(int clients) {
            return new Load(clients, 0);
        }

        static Load open(double perSecond) {
            return new Load(0, perSecond);
        }
    }

    private final PlatformCpu cpu;
    private final Path postgresData;
    private final Duration timeout;

    PhaseRunner(Path postgresData, Duration timeout) {
        this.cpu = new PlatformCpu(postgresData);
        this.postgresData = postgresData;
        this.timeout = timeout;
    }

    Phase run(
            String workload,
            Load load,
            Duration duration,
            Samples counted,
            List<Samples> kinds,
            Workers.Operation operation) {
        return run(workload, load, duration, counted, kinds, operation, null);
    }

    /** As {@link #run(String, Load, Duration, Samples, List, Workers.Operation)}; {@code memory} gets a mid-phase reading. */
    Phase run(
            String workload,
            Load load,
            Duration duration,
            Samples counted,
            List<Samples> kinds,
            Workers.Operation operation,
            AtomicReference<List<ProcessMemory.Usage>> memory) {
        Benchmark.say(workload + ", "
                + (load.perSecond() > 0
                        ? "open loop at " + Math.round(load.perSecond()) + "/s"
                        : load.clients() + " clients")
                + ", " + duration.toSeconds() + " s");
        Thread probe = memory == null ? null : memoryProbe(duration.dividedBy(2), memory);
        PlatformCpu.Meter meter = cpu.start();
        long wall = load.perSecond() > 0
                ? Workers.openLoop(workload, load.perSecond(), duration, timeout, operation)
                : Workers.closedLoop(workload, load.clients(), duration, timeout, operation);
        PlatformCpu.Use cpuUse = meter.stop();
        if (probe != null) {
            probe.interrupt();
        }
        counted.wallNanos(wall);
        kinds.forEach(kind -> kind.wallNanos(wall));
        Phase phase = new Phase(
                workload,
                load.clients(),
                load.perSecond(),
                wall,
                cpuUse.totalMillis(),
                cpuUse.millisByProcess(),
                counted,
                kinds);
        Benchmark.say(String.format(
                Locale.ROOT,
                "  %.0f/s, p50 %.1f ms, p99 %.1f ms, %.2f CPU ms each (%s), %d failed",
                phase.perSecond(),
                counted.percentileMillis(50),
                counted.percentileMillis(99),
                phase.cpuMillisPerOperation(),
                phase.cpuSplit(),
                phase.failures()));
        return phase;
    }

    /** CPU cores the platform keeps busy with no load at all: its pollers, schedulers and heartbeats. */
    double idleCores(Duration duration) {
        PlatformCpu.Meter meter = cpu.start();
        long start = System.nanoTime();
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long cpuMillis = meter.stop().totalMillis();
        return cpuMillis / ((System.nanoTime() - start) / 1e6);
    }

    private Thread memoryProbe(Duration delay, AtomicReference<List<ProcessMemory.Usage>> memory) {
        Thread thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException finished) {
                        return;
                    }
                    memory.set(ProcessMemory.snapshot(postgresData));
                },
                "bench-memory-probe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
