package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes in a steady phase. First one phase of the agents' mix at the highest concurrency without
 * any recorder, measured from outside: the CPU of every thread of the platform and the statements PostgreSQL
 * ran (pg_stat_statements, preloaded when this section is chosen). Then Java Flight Recorder (settings=default)
 * is started with {@code jcmd} in every service JVM and the broker and the mix runs two more phases: starting the
 * recorder instruments JDK classes and throws compiled code away (the first phase under it ran at a seventh of
 * the rate), so the first lets the JIT compile again and only the second one's samples count. The recordings are
 * dumped under {@code <data>/profile/} and summarised: per process the methods most often on top of the sampled
 * stacks, grouped by package, and the time spent in garbage-collection pauses. Only these two phases are
 * recorded, so the other phases run without the recorder's overhead.
 */
final class ProfileSection {

    private static final int TOP = 12;

    private final LocalPlatform platform;
    private final PlatformLoad load;
    private final Settings settings;

    ProfileSection(LocalPlatform platform, PlatformLoad load, Settings settings) {
        this.platform = platform;
        this.load = load;
        this.settings = settings;
    }

    void run(Report report) {
        whereTheCpuGoes(report);
        Path directory = settings.dataDirectory().resolve("profile");
        try {
            Files.createDirectories(directory);
            List<ProcessMemory.Usage> jvms =
                    ProcessMemory.snapshot(settings.dataDirectory().resolve("postgres")).stream()
                            .filter(u -> u.pid() > 0
                                    && u.heapLimitMib() >= 0
                                    && !u.name().startsWith("benchmark driver"))
                            .toList();
            for (ProcessMemory.Usage jvm : jvms) {
                jcmd(jvm.pid(), "JFR.start", "name=bench", "settings=default");
            }
            // Starting the recorder instruments JDK classes and throws compiled code away: the mix first runs one
            // phase under it to compile again, and only the samples of the phase after it are counted.
            Benchmark.say("profile: the mix under the recorder, not counted, while the JIT compiles again");
            load.mix(PhaseRunner.Load.closed(settings.maxClients()), settings.phase(), null);
            Instant countedFrom = Instant.now();
            Phase phase = load.mix(PhaseRunner.Load.closed(settings.maxClients()), settings.phase(), null);
            Map<String, Path> files = new HashMap<>();
            for (ProcessMemory.Usage jvm : jvms) {
                Path file = directory.resolve(jvm.name().replace(' ', '-') + ".jfr");
                jcmd(jvm.pid(), "JFR.stop", "name=bench", "filename=" + file);
                files.put(jvm.name(), file);
            }
            report.note("profile: recordings of the profiled phase (" + phase.load() + ", "
                    + Report.rate(phase.perSecond()) + " commands/s under the recorder) are in " + directory);
            for (ProcessMemory.Usage jvm : jvms) {
                Path file = files.get(jvm.name());
                if (Files.exists(file)) {
                    report.section(
                            "Profile of " + jvm.name() + " (" + phase.load() + " mix, JFR execution samples)",
                            summary(file, countedFrom));
                }
            }
        } catch (IOException e) {
            throw new BenchmarkException("The profile section failed: " + e.getMessage(), e);
        }
    }

    /**
     * One phase of the mix without the recorder, read from outside: the CPU of every thread of the platform
     * (per process and thread name, from {@code /proc}) and PostgreSQL's statements (pg_stat_statements),
     * each per command.
     */
    private void whereTheCpuGoes(Report report) {
        PlatformCpu cpu = new PlatformCpu(settings.dataDirectory().resolve("postgres"));
        StatementStats statements = new StatementStats(platform.jdbcUrl());
        Map<Long, StatementStats.Counters> statementsBefore = statements.reading();
        Map<String, Long> threadsBefore = cpu.threadTicks();
        Phase phase = load.mix(PhaseRunner.Load.closed(settings.maxClients()), settings.phase(), null);
        Map<String, Long> threadsAfter = cpu.threadTicks();
        Map<Long, StatementStats.Counters> statementsAfter = statements.reading();
        long commands = phase.counted().count();
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        long all = 0;
        for (Map.Entry<String, Long> entry : threadsAfter.entrySet()) {
            long delta = Math.max(0, entry.getValue() - threadsBefore.getOrDefault(entry.getKey(), 0L));
            all += delta;
            used.add(Map.entry(entry.getKey(), delta));
        }
        used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        TextTable threads = new TextTable("process / threads", "CPU ms per command", "share");
        for (Map.Entry<String, Long> entry : used.subList(0, Math.min(2 * TOP, used.size()))) {
            threads.row(
                    entry.getKey(),
                    String.format(
                            Locale.ROOT,
                            "%.2f",
                            entry.getValue() * 1000.0 / ProcessMemory.TICKS_PER_SECOND / Math.max(1, commands)),
                    percent(entry.getValue(), all));
        }
        report.section(
                "CPU by thread (" + phase.load() + " mix, " + Report.rate(phase.perSecond())
                        + " commands/s, no recorder; digits in thread names as #)",
                threads);
        report.section(
                "PostgreSQL statements in the same phase (pg_stat_statements, per command of the mix)",
                statements.between(statementsBefore, statementsAfter, commands));
    }

    private static TextTable summary(Path file, Instant countedFrom) throws IOException {
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        int samples = 0;
        long gcPauseNanos = 0;
        int collections = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStartTime().isBefore(countedFrom)) {
                continue;
            }
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedFrame top = stack.getFrames().get(0);
                String owner = top.getMethod().getType().getName();
                methods.merge(owner + "." + top.getMethod().getName(), 1, Integer::sum);
                packages.merge(area(stack), 1, Integer::sum);
            } else if (type.equals("jdk.GarbageCollection")) {
                collections++;
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
            }
        }
        TextTable table = new TextTable("where (share of " + samples + " samples)", "kind", "share");
        for (Map.Entry<String, Integer> entry : top(packages)) {
            table.row(entry.getKey(), "area of the code", percent(entry.getValue(), samples));
        }
        for (Map.Entry<String, Integer> entry : top(methods)) {
            table.row(entry.getKey(), "method on top", percent(entry.getValue(), samples));
        }
        table.row(
                collections + " collections",
                "GC pauses",
                String.format(
                        Locale.ROOT,
                        "%.0f ms in all",
                        Duration.ofNanos(gcPauseNanos).toNanos() / 1e6));
        return table;
    }

    /**
     * What a sample is doing, named by the first frame of the stack (from the top) in a package that says more
     * than the JDK's own: Jackson, Axon, Spring, the JDBC driver, Kafka, Tomcat, Netty, this platform's code.
     */
    private static String area(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frame.getMethod().getType().getName();
            if (name.startsWith("java.")
                    || name.startsWith("jdk.")
                    || name.startsWith("sun.")
                    || name.startsWith("com.sun.")) {
                continue;
            }
            String[] parts = name.split("\\.");
            return String.join(".", Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
        }
        return "JDK only (" + stack.getFrames().get(0).getMethod().getType().getName() + ")";
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return entries.subList(0, Math.min(TOP, entries.size()));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                throw new BenchmarkException(
                        "jcmd " + String.join(" ", command) + " failed for " + pid + ": " + output);
            }
        } catch (IOException e) {
            throw new BenchmarkException("jcmd could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("Interrupted while running jcmd");
        }
    }
}
