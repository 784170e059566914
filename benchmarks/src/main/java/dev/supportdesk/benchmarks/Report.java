package dev.supportdesk.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Collects the figures of one run and prints them: the machine, the settings, then one table per section. */
final class Report {

    /** The highest rate a workload held with its p99 within the target, and the phase that showed it. */
    record Headline(String workload, Phase phase, String note) {}

    private final Settings settings;
    private final Instant began;
    private final String loadAtStart = loadAverage();
    private Duration platformStart = Duration.ZERO;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Headline> headlines = new ArrayList<>();
    private final Map<String, TextTable> sections = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Phase lagPhase;
    private Samples lag;
    private List<ProcessMemory.Usage> memoryUnderLoad = List.of();
    private String memoryLoad = "";

    Report(Settings settings, Instant began) {
        this.settings = settings;
        this.began = began;
    }

    void platformStart(Duration duration) {
        this.platformStart = duration;
    }

    String platformStartSeconds() {
        return String.format(Locale.ROOT, "%.1f", platformStart.toMillis() / 1000.0);
    }

    void phase(Phase phase) {
        phases.add(phase);
    }

    void headline(Headline headline) {
        headlines.add(headline);
    }

    void lag(Phase phase, Samples lag) {
        this.lagPhase = phase;
        this.lag = lag;
    }

    void memoryUnderLoad(List<ProcessMemory.Usage> usages, String load) {
        this.memoryUnderLoad = usages;
        this.memoryLoad = load;
    }

    /** A section's own table (long streams, the queue, the profile), printed in the order added. */
    void section(String title, TextTable table) {
        sections.put(title, table);
    }

    void note(String note) {
        notes.add(note);
    }

    String settingsLine() {
        return "warm-up >= " + settings.warmup().toSeconds() + " s, clients " + settings.clients() + ", phases "
                + settings.phase().toSeconds() + " s, sections " + String.join(",", ordered())
                + ", service JVM options: "
                + String.join(" ", settings.serviceJvmOptions());
    }

    private List<String> ordered() {
        return Settings.SECTIONS.stream().filter(settings::runs).toList();
    }

    int failures() {
        int failures = phases.stream().mapToInt(Phase::failures).sum();
        return failures + (lag == null ? 0 : lag.failures());
    }

    void print(PrintStream out) {
        out.println();
        out.println("==== Support desk steady-state benchmark, " + began.truncatedTo(ChronoUnit.SECONDS) + " ====");
        out.println("Machine:   " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memTotal() + " RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "; load average before the run: " + loadAtStart + "; after: " + loadAverage());
        out.println("Java:      " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", the same for every JVM of the run");
        out.println("Settings:  " + settingsLine());
        out.println("JVMs:      services: each its own heap limit (the memory table), then "
                + String.join(" ", settings.serviceJvmOptions())
                + "; Kafka broker: the launcher's; benchmark driver: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("Platform:  started in " + platformStartSeconds() + " s; run took "
                + Duration.between(began, Instant.now()).toSeconds() + " s in all");
        notes.forEach(note -> out.println("Note:      " + note));

        if (!headlines.isEmpty()) {
            out.println();
            out.println("Headline: the highest rate whose p99 stayed <= " + millis(settings.p99TargetMillis()) + " ms");
            TextTable table =
                    new TextTable("workload", "rate", "p50 / p99 ms", "CPU ms per command", "shown by", "note");
            for (Headline headline : headlines) {
                Phase phase = headline.phase();
                table.row(
                        headline.workload(),
                        phase == null ? "none" : rate(phase.perSecond()) + " commands/s",
                        phase == null
                                ? "-"
                                : millis(phase.counted().percentileMillis(50)) + " / "
                                        + millis(phase.counted().percentileMillis(99)),
                        phase == null ? "-" : millis(phase.cpuMillisPerOperation()),
                        phase == null ? "-" : phase.load(),
                        headline.note());
            }
            table.print(out);
        }

        if (!phases.isEmpty()) {
            out.println();
            out.println("Phases (" + settings.phase().toSeconds() + " s each; latency from the intended start"
                    + " in open loops; CPU summed over every platform process, the driver excluded):");
            TextTable table = new TextTable(
                    "workload", "load", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/op", "failed");
            for (Phase phase : phases) {
                Samples counted = phase.counted();
                table.row(
                        phase.workload(),
                        phase.load(),
                        rate(phase.perSecond()),
                        millis(counted.percentileMillis(50)),
                        millis(counted.percentileMillis(95)),
                        millis(counted.percentileMillis(99)),
                        millis(counted.percentileMillis(100)),
                        millis(phase.cpuMillisPerOperation()),
                        String.valueOf(phase.failures()));
            }
            table.print(out);
            printCpuByProcess(out);
            printAgainstBaselines(out);
            printMixDetail(out);
        }

        if (lag != null) {
            out.println();
            out.println("Read-your-write lag: the agents' mix " + lagPhase.load() + ", every other command read back"
                    + " with ?minVersion (command answered -> read model answers 200)");
            Phase kafka = find("kafka-baseline", 1);
            new TextTable("measure", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "failed")
                    .row(
                            "lag",
                            String.valueOf(lag.count()),
                            millis(lag.percentileMillis(50)),
                            millis(lag.percentileMillis(95)),
                            millis(lag.percentileMillis(99)),
                            millis(lag.percentileMillis(100)),
                            String.valueOf(lag.failures()))
                    .row(
                            "baseline: Kafka send -> consumed, 1 client",
                            kafka == null ? "-" : String.valueOf(kafka.counted().count()),
                            kafka == null ? "-" : millis(kafka.counted().percentileMillis(50)),
                            kafka == null ? "-" : millis(kafka.counted().percentileMillis(95)),
                            kafka == null ? "-" : millis(kafka.counted().percentileMillis(99)),
                            kafka == null ? "-" : millis(kafka.counted().percentileMillis(100)),
                            kafka == null ? "-" : String.valueOf(kafka.failures()))
                    .row(
                            "the mix's commands meanwhile",
                            String.valueOf(lagPhase.counted().count()),
                            millis(lagPhase.counted().percentileMillis(50)),
                            millis(lagPhase.counted().percentileMillis(95)),
                            millis(lagPhase.counted().percentileMillis(99)),
                            millis(lagPhase.counted().percentileMillis(100)),
                            String.valueOf(lagPhase.failures()))
                    .print(out);
        }

        if (!memoryUnderLoad.isEmpty()) {
            out.println();
            out.println(
                    "Memory under load (" + memoryLoad + ", read mid-phase from /proc; PSS = shared pages divided):");
            TextTable table = new TextTable("process", "pid", "heap limit", "RSS", "PSS");
            long total = 0;
            for (ProcessMemory.Usage usage : memoryUnderLoad) {
                table.row(
                        usage.name(),
                        String.valueOf(usage.pid()),
                        usage.heapLimit(),
                        mib(usage.rssKib()),
                        mib(usage.pssKib()));
                if (!usage.name().startsWith("benchmark driver") && usage.pssKib() > 0) {
                    total += usage.pssKib();
                }
            }
            table.row("the platform (all but the driver)", "-", "-", "-", mib(total));
            table.print(out);
        }

        for (Map.Entry<String, TextTable> section : sections.entrySet()) {
            out.println();
            out.println(section.getKey());
            section.getValue().print(out);
        }

        List<String> problems = new ArrayList<>();
        for (Phase phase : phases) {
            for (Samples samples : phase.kinds()) {
                for (String example : samples.failureExamples()) {
                    problems.add(phase.workload() + " " + phase.load() + ", " + samples.name() + ": " + example);
                }
            }
        }
        if (lag != null) {
            lag.failureExamples().forEach(example -> problems.add("lag: " + example));
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("Failures (first examples):");
            problems.forEach(problem -> out.println("  " + problem));
        }
    }

    /** One row per concurrency level: the platform's workloads beside the three baselines at that level. */
    private void printAgainstBaselines(PrintStream out) {
        out.println();
        out.println("Against the baselines at the same concurrency (closed loop): ops/s and p99 ms");
        TextTable table = new TextTable(
                "clients",
                "opens",
                "mix commands",
                "JDBC insert",
                "HTTP GET /api/users",
                "Kafka round trip",
                "opens ÷ JDBC",
                "opens CPU ms ÷ JDBC CPU ms");
        for (int clients : settings.clients()) {
            Phase opens = find("opens", clients);
            Phase mix = find("mix", clients);
            Phase jdbc = find("jdbc-baseline", clients);
            Phase http = find("http-baseline", clients);
            Phase kafka = find("kafka-baseline", clients);
            if (opens == null && mix == null && jdbc == null) {
                continue;
            }
            table.row(
                    String.valueOf(clients),
                    both(opens),
                    both(mix),
                    both(jdbc),
                    both(http),
                    both(kafka),
                    opens == null || jdbc == null ? "-" : ratio(opens.perSecond(), jdbc.perSecond()),
                    opens == null || jdbc == null
                            ? "-"
                            : ratio(opens.cpuMillisPerOperation(), jdbc.cpuMillisPerOperation()));
        }
        table.print(out);
    }

    /** Where each phase's CPU went: the milliseconds per operation of each kind of platform process. */
    private void printCpuByProcess(PrintStream out) {
        out.println();
        out.println("CPU ms per operation by process (PostgreSQL: the server and all its backends):");
        List<String> headers = new ArrayList<>(List.of("workload", "load"));
        headers.addAll(PlatformCpu.PROCESSES);
        headers.add("all");
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (Phase phase : phases) {
            List<String> row = new ArrayList<>(List.of(phase.workload(), phase.load()));
            PlatformCpu.PROCESSES.forEach(process -> row.add(millis(phase.cpuMillisPerOperation(process))));
            row.add(millis(phase.cpuMillisPerOperation()));
            table.row(row.toArray(String[]::new));
        }
        table.print(out);
    }

    private void printMixDetail(PrintStream out) {
        Phase mix = null;
        for (int clients : settings.clients()) {
            Phase candidate = find("mix", clients);
            if (candidate != null) {
                mix = candidate;
            }
        }
        if (mix == null) {
            return;
        }
        out.println();
        out.println("The agents' mix in detail, " + mix.load() + ":");
        TextTable table = new TextTable("step", "ok", "failed", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (Samples samples : mix.kinds()) {
            table.row(
                    samples.name(),
                    String.valueOf(samples.count()),
                    String.valueOf(samples.failures()),
                    rate(samples.perSecond()),
                    millis(samples.percentileMillis(50)),
                    millis(samples.percentileMillis(95)),
                    millis(samples.percentileMillis(99)),
                    millis(samples.percentileMillis(100)));
        }
        table.print(out);
    }

    private Phase find(String workload, int clients) {
        return phases.stream()
                .filter(p -> p.workload().equals(workload) && !p.openLoop() && p.clients() == clients)
                .reduce((first, second) -> second)
                .orElse(null);
    }

    private static String both(Phase phase) {
        return phase == null
                ? "-"
                : rate(phase.perSecond()) + " (" + millis(phase.counted().percentileMillis(99)) + ")";
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
    }

    static String rate(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value < 100 ? "%.1f" : "%.0f", value);
    }

    static String ratio(double platform, double baseline) {
        if (Double.isNaN(platform) || Double.isNaN(baseline) || baseline <= 0) {
            return "-";
        }
        double ratio = platform / baseline;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : ratio < 10 ? "%.2f" : "%.1f", ratio);
    }

    static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg")).orElse("unknown");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                    .findFirst()
                    .orElse("model unknown");
        } catch (IOException | RuntimeException e) {
            return "model unknown";
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
