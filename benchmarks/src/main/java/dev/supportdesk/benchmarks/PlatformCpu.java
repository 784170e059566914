package dev.supportdesk.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * CPU time of every process of the platform over one phase, from {@code /proc}: the descendants of this JVM
 * (the service JVMs and the Kafka broker; the benchmark driver itself is not counted) and the PostgreSQL
 * server with all its backends (pg_ctl detaches the postmaster, so it is found through {@code postmaster.pid}).
 * A sampler reads every process's utime + stime twice a second, so a process that appears mid-phase counts
 * from zero and one that ends mid-phase keeps what it used until its last sample.
 */
final class PlatformCpu {

    private static final long SAMPLE_MILLIS = 500;

    /** A process is its pid and start time: a pid the kernel reuses is another process. */
    private record Key(long pid, long startTicks) {}

    private record Stat(Key key, long parent, long cpuTicks) {}

    private final Path postgresData;

    PlatformCpu(Path postgresData) {
        this.postgresData = postgresData;
    }

    /** A running measurement; {@link #stop()} answers the CPU milliseconds it saw. */
    final class Meter {

        private final Map<Key, Long> first = new HashMap<>();
        private final Map<Key, Long> last = new HashMap<>();
        private final long startTicks = uptimeTicks();
        private final Thread sampler;
        private volatile boolean running = true;

        private Meter() {
            sample();
            sampler = new Thread(
                    () -> {
                        while (running) {
                            try {
                                Thread.sleep(SAMPLE_MILLIS);
                            } catch (InterruptedException stopped) {
                                return;
                            }
                            sample();
                        }
                    },
                    "bench-cpu-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        private synchronized void sample() {
            for (Stat stat : platformProcesses()) {
                // A process born after the phase began used all its time inside the phase.
                Long baseline = first.get(stat.key());
                if (baseline == null) {
                    first.put(stat.key(), stat.key().startTicks() >= startTicks ? 0L : stat.cpuTicks());
                }
                last.put(stat.key(), stat.cpuTicks());
            }
        }

        /** CPU milliseconds (user + system) of all platform processes since the meter started. */
        long stop() {
            running = false;
            sampler.interrupt();
            try {
                sampler.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
            synchronized (this) {
                long ticks = 0;
                for (Map.Entry<Key, Long> entry : last.entrySet()) {
                    ticks += Math.max(0, entry.getValue() - first.get(entry.getKey()));
                }
                return ticks * 1000 / ProcessMemory.TICKS_PER_SECOND;
            }
        }
    }

    Meter start() {
        return new Meter();
    }

    /** Every process below this JVM, and the PostgreSQL server and its backends. */
    private List<Stat> platformProcesses() {
        Map<Long, Stat> all = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                Stat stat = stat(entry);
                if (stat != null) {
                    all.put(stat.key().pid(), stat);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Map<Long, List<Long>> children = new HashMap<>();
        for (Stat stat : all.values()) {
            children.computeIfAbsent(stat.parent(), parent -> new ArrayList<>())
                    .add(stat.key().pid());
        }
        long self = ProcessHandle.current().pid();
        Set<Long> found = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(children.getOrDefault(self, List.of()));
        postmaster().ifPresent(todo::add);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (pid != self && found.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return found.stream().map(all::get).filter(Objects::nonNull).toList();
    }

    private Optional<Long> postmaster() {
        try {
            Path pidFile = postgresData.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(
                    Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Fields of /proc/<pid>/stat after the parenthesised command name: ppid is 4, utime 14, stime 15, starttime 22. */
    private static Stat stat(Path directory) {
        try {
            String text = Files.readString(directory.resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
            long pid = Long.parseLong(directory.getFileName().toString());
            return new Stat(
                    new Key(pid, Long.parseLong(fields[19])),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** Seconds since boot in clock ticks, the unit of a process's start time. */
    private static long uptimeTicks() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.UTF_8);
            return (long) (Double.parseDouble(uptime.split("\\s+")[0]) * ProcessMemory.TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
