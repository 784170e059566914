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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Collects the figures of one run and prints them: the machine, the settings, one table, the details. */
final class Report {

    private final Settings settings;
    private final Instant began;
    private final String loadAtStart = firstLine(Path.of("/proc/loadavg")).orElse("unknown");
    private Duration platformStart;
    private List<ProcessMemory.Usage> memoryAfterStart = List.of();
    private List<ProcessMemory.Usage> memoryAfterRun = List.of();
    private List<ProcessMemory.Usage> beforeLoad = List.of();
    private List<ProcessMemory.Usage> afterLoad = List.of();
    private PlatformLoad.Commands commands;
    private Samples catchUp;
    private long events;
    private Samples visibility;
    private Samples jdbc;
    private KafkaBaseline.Result kafka;

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

    void memoryAfterStart(List<ProcessMemory.Usage> usages) {
        this.memoryAfterStart = usages;
    }

    void memoryAfterRun(List<ProcessMemory.Usage> usages) {
        this.memoryAfterRun = usages;
    }

    void cpuDuringLoad(List<ProcessMemory.Usage> before, List<ProcessMemory.Usage> after) {
        this.beforeLoad = before;
        this.afterLoad = after;
    }

    void commands(PlatformLoad.Commands commands) {
        this.commands = commands;
    }

    void catchUp(Samples catchUp, long events) {
        this.catchUp = catchUp;
        this.events = events;
    }

    void visibility(Samples visibility) {
        this.visibility = visibility;
    }

    void jdbc(Samples jdbc) {
        this.jdbc = jdbc;
    }

    void kafka(KafkaBaseline.Result kafka) {
        this.kafka = kafka;
    }

    String settingsLine() {
        return "tickets=" + settings.tickets() + ", concurrency=" + settings.concurrency() + ", warm-up="
                + settings.warmup() + ", visibility samples=" + settings.visibilitySamples()
                + ", service JVM options: " + String.join(" ", settings.serviceJvmOptions());
    }

    int failures() {
        int failures = 0;
        for (Samples samples : all()) {
            failures += samples.failures();
        }
        return failures;
    }

    private List<Samples> all() {
        List<Samples> all = new ArrayList<>(commands.all());
        all.add(catchUp);
        all.add(visibility);
        all.add(jdbc);
        all.add(kafka.acked());
        all.add(kafka.consumed());
        return all;
    }

    void print(PrintStream out) {
        String c = settings.concurrency() + (settings.concurrency() == 1 ? " client" : " clients");
        out.println();
        out.println("==== Support desk benchmark, " + began.truncatedTo(ChronoUnit.SECONDS) + " ====");
        out.println("Machine:   " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memTotal() + " RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch") + "; load average before the run: " + loadAtStart);
        out.println(
                "Java:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + "), the same for every JVM of the run");
        out.println("Settings:  tickets=" + settings.tickets() + ", concurrency=" + settings.concurrency()
                + ", warm-up=" + settings.warmup() + " (not counted), visibility samples="
                + settings.visibilitySamples()
                + ", baseline operations=" + jdbc.count());
        out.println("JVMs:      services (ticket-command, ticket-query, sla-monitor, edge): "
                + String.join(" ", settings.serviceJvmOptions())
                + "; Kafka broker: the launcher's -Xmx512m -XX:+UseSerialGC;"
                + " benchmark driver: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("Platform:  started in " + platformStartSeconds()
                + " s (PostgreSQL 17 embedded, Kafka 3.9 broker, 4 services);" + " all on 127.0.0.1; run took "
                + Duration.between(began, Instant.now()).toSeconds() + " s in all");
        out.println();

        Table table = new Table("measure", "platform", "baseline", "ratio (platform ÷ baseline)");
        String jdbcRate = rate(jdbc.perSecond()) + " inserts/s (JDBC, " + c + ")";
        table.row(
                "open ticket: throughput, " + c,
                rate(commands.open().perSecond()) + " commands/s",
                jdbcRate,
                ratio(commands.open().perSecond(), jdbc.perSecond()));
        for (Samples samples : commands.all()) {
            table.row(
                    samples.name() + ": latency p50 / p95 / p99",
                    percentiles(samples) + " ms",
                    percentiles(jdbc) + " ms (JDBC insert)",
                    ratios(samples, jdbc));
        }
        table.row(
                "assign + reply: throughput, " + c,
                rate(2 * commands.assign().count() / seconds(commands.assign())) + " commands/s",
                jdbcRate,
                ratio(2 * commands.assign().count() / seconds(commands.assign()), jdbc.perSecond()));
        double allCommands = (commands.open().count()
                        + commands.assign().count()
                        + commands.reply().count())
                / ((commands.open().wallNanos() + commands.assign().wallNanos()) / 1e9);
        table.row(
                "all commands: throughput, " + c,
                rate(allCommands) + " commands/s",
                jdbcRate,
                ratio(allCommands, jdbc.perSecond()));
        double loadAndCatchUp =
                (commands.open().wallNanos() + commands.assign().wallNanos() + catchUp.wallNanos()) / 1e9;
        table.row(
                "events into the read model per second (load + catch-up)",
                rate(events / loadAndCatchUp) + " events/s",
                rate(kafka.acked().perSecond()) + " records/s (Kafka, one at a time)",
                ratio(events / loadAndCatchUp, kafka.acked().perSecond()));
        table.row(
                "read model catch-up after the last command",
                String.format(Locale.ROOT, "%.1f s (%d events in all)", catchUp.wallNanos() / 1e9, events),
                "-",
                "-");
        table.row(
                "visibility: open 201 -> read model, p50 / p95 / p99",
                percentiles(visibility) + " ms",
                percentiles(kafka.consumed()) + " ms (Kafka send -> consumed)",
                ratios(visibility, kafka.consumed()));
        for (ProcessMemory.Usage usage : memoryAfterRun) {
            if (usage.name().startsWith("benchmark driver")) {
                continue;
            }
            if (usage.heapLimitMib() > 0) {
                table.row(
                        "memory after the run: " + usage.name() + " RSS",
                        mib(usage.rssKib()),
                        "heap limit " + usage.heapLimit(),
                        ratio(usage.rssKib() / 1024.0, usage.heapLimitMib()));
            } else {
                table.row(
                        "memory after the run: " + usage.name() + " RSS (PSS)",
                        mib(usage.rssKib()) + " (" + mib(usage.pssKib()) + ")",
                        "-",
                        "-");
            }
        }
        table.print(out);
        out.println("Throughput ratios below 1 and latency or memory ratios above 1 are what the platform costs above"
                + " raw PostgreSQL and Kafka.");
        out.println();

        out.println("Operations in detail (warm-up excluded):");
        Table details =
                new Table("operation", "ok", "failed", "wall s", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (Samples samples : all()) {
            if (samples == catchUp) {
                continue;
            }
            details.row(
                    samples.name(),
                    String.valueOf(samples.count()),
                    String.valueOf(samples.failures()),
                    String.format(Locale.ROOT, "%.1f", samples.wallNanos() / 1e9),
                    rate(samples.perSecond()),
                    millis(samples.percentileMillis(50)),
                    millis(samples.percentileMillis(95)),
                    millis(samples.percentileMillis(99)),
                    millis(samples.percentileMillis(100)));
        }
        details.print(out);
        long slow = visibility.countAbove(500);
        out.println("Visibility samples over 500 ms: " + slow + " of " + visibility.count() + ".");
        out.println("assign and reply PUBLIC run in one phase (each client: assign, then reply, ticket after ticket);"
                + " their per-second figures share its wall time.");
        out.println();

        out.println("Memory (from /proc; RSS = resident set, PSS = shared pages divided among their processes):");
        double loadSeconds = (commands.open().wallNanos() + commands.assign().wallNanos() + catchUp.wallNanos()) / 1e9;
        Table memory = new Table(
                "process",
                "pid",
                "heap limit",
                "RSS after start",
                "RSS after run",
                "PSS after run",
                "CPU s during load + catch-up",
                "cores busy");
        for (ProcessMemory.Usage usage : memoryAfterRun) {
            ProcessMemory.Usage before = find(memoryAfterStart, usage.pid());
            long cpu = cpuTicks(afterLoad, usage.pid()) - cpuTicks(beforeLoad, usage.pid());
            boolean known = cpuTicks(afterLoad, usage.pid()) >= 0 && cpuTicks(beforeLoad, usage.pid()) >= 0;
            double cpuSeconds = cpu / (double) ProcessMemory.TICKS_PER_SECOND;
            memory.row(
                    usage.name(),
                    String.valueOf(usage.pid()),
                    usage.heapLimit(),
                    before == null ? "-" : mib(before.rssKib()),
                    mib(usage.rssKib()),
                    mib(usage.pssKib()),
                    known ? String.format(Locale.ROOT, "%.1f", cpuSeconds) : "-",
                    known ? String.format(Locale.ROOT, "%.2f", cpuSeconds / loadSeconds) : "-");
        }
        memory.print(out);
        out.println(String.format(
                Locale.ROOT,
                "CPU: the command load and the catch-up took %.1f s of wall time on %d cores;"
                        + " 'cores busy' = CPU seconds / wall seconds.",
                loadSeconds,
                Runtime.getRuntime().availableProcessors()));

        List<String> problems = new ArrayList<>();
        for (Samples samples : all()) {
            for (String example : samples.failureExamples()) {
                problems.add(samples.name() + ": " + example);
            }
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("Failures (first examples):");
            problems.forEach(problem -> out.println("  " + problem));
        }
    }

    private static ProcessMemory.Usage find(List<ProcessMemory.Usage> usages, long pid) {
        return usages.stream().filter(u -> u.pid() == pid).findFirst().orElse(null);
    }

    private static long cpuTicks(List<ProcessMemory.Usage> usages, long pid) {
        ProcessMemory.Usage usage = find(usages, pid);
        return usage == null ? -1 : usage.cpuTicks();
    }

    private static double seconds(Samples samples) {
        return samples.wallNanos() / 1e9;
    }

    private static String percentiles(Samples samples) {
        return millis(samples.percentileMillis(50)) + " / " + millis(samples.percentileMillis(95)) + " / "
                + millis(samples.percentileMillis(99));
    }

    private static String ratios(Samples platform, Samples baseline) {
        return ratio(platform.percentileMillis(50), baseline.percentileMillis(50)) + " / "
                + ratio(platform.percentileMillis(95), baseline.percentileMillis(95)) + " / "
                + ratio(platform.percentileMillis(99), baseline.percentileMillis(99));
    }

    private static String millis(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value < 100 ? "%.1f" : "%.0f", value);
    }

    private static String rate(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value < 100 ? "%.1f" : "%.0f", value);
    }

    private static String ratio(double platform, double baseline) {
        if (Double.isNaN(platform) || Double.isNaN(baseline) || baseline <= 0) {
            return "-";
        }
        double ratio = platform / baseline;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : ratio < 10 ? "%.2f" : "%.1f", ratio);
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
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

    /** A plain-text table that is also a Markdown table. */
    private static final class Table {

        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                out.println(line(rows.get(r), widths));
                if (r == 0) {
                    String[] rule = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        rule[i] = "-".repeat(widths[i]);
                    }
                    out.println(line(rule, widths));
                }
            }
        }

        private static String line(String[] cells, int[] widths) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < cells.length; i++) {
                line.append(' ')
                        .append(cells[i])
                        .append(" ".repeat(widths[i] - cells[i].length()))
                        .append(" |");
            }
            return line.toString();
        }
    }
}
