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
import java.util.LinkedHashMap;
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

    /** What one phase used: the CPU milliseconds of all platform processes, and of each kind of process. */
    record Use(long totalMillis, Map<String, Long> millisByProcess) {}

    /** The process kinds a phase's CPU is split into, in the order the report shows them. */
    static final List<String> PROCESSES =
            List.of("edge", "ticket-command", "ticket-query", "sla-monitor", "kafka broker", "postgresql", "other");

    private final Path postgresData;

    PlatformCpu(Path postgresData) {
        this.postgresData = postgresData;
    }

    /** A running measurement; {@link #stop()} answers the CPU milliseconds it saw. */
    final class Meter {

        private final Map<Key, Long> first = new HashMap<>();
        private final Map<Key, Long> last = new HashMap<>();
        private final Map<Key, String> names = new HashMap<>();
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
                names.computeIfAbsent(stat.key(), key -> processName(key.pid()));
            }
        }

        /** CPU milliseconds (user + system) of all platform processes since the meter started, and per kind. */
        Use stop() {
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
                Map<String, Long> ticksByName = new LinkedHashMap<>();
                PROCESSES.forEach(name -> ticksByName.put(name, 0L));
                for (Map.Entry<Key, Long> entry : last.entrySet()) {
                    long used = Math.max(0, entry.getValue() - first.get(entry.getKey()));
                    ticks += used;
                    ticksByName.merge(names.getOrDefault(entry.getKey(), "other"), used, Long::sum);
                }
                Map<String, Long> millisByName = new LinkedHashMap<>();
                ticksByName.forEach(
                        (name, used) -> millisByName.put(name, used * 1000 / ProcessMemory.TICKS_PER_SECOND));
                return new Use(ticks * 1000 / ProcessMemory.TICKS_PER_SECOND, millisByName);
            }
        }
    }

    Meter start() {
        return new Meter();
    }

    /**
     * CPU ticks of every thread of the platform so far, summed per kind of process and thread name (digits
     * replaced by {@code #}, so that a pool's threads add up: {@code http-nio-#-exec-#}); PostgreSQL's backends
     * count as one. Linux keeps the first 15 characters of a Java thread's name.
     */
    Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        for (Stat process : platformProcesses()) {
            String name = processName(process.key().pid());
            if (name.equals("postgresql")) {
                ticks.merge("postgresql / backends", process.cpuTicks(), Long::sum);
                continue;
            }
            Path tasks = Path.of("/proc", Long.toString(process.key().pid()), "task");
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks, "[0-9]*")) {
                for (Path thread : threads) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8);
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                        ticks.merge(
                                name + " / " + comm.replaceAll("[0-9]+", "#"),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                                Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // The thread ended between the listing and the read.
                    }
                }
            } catch (IOException gone) {
                // The process ended.
            }
        }
        return ticks;
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

    /** The kind of a platform process, from its command line: a service's jar, the broker's main class, postgres. */
    private static String processName(long pid) {
        List<String> command = ProcessMemory.commandLine(pid);
        for (String name : PROCESSES) {
            if (command.stream().anyMatch(arg -> arg.endsWith("/" + name + "-exec.jar"))) {
                return name;
            }
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka broker";
        }
        if (!command.isEmpty() && command.get(0).contains("postgres")) {
            return "postgresql";
        }
        return "other";
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
