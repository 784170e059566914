package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleFunction;

/**
 * The steady-state benchmark behind {@code ./bench.sh}: starts the platform once (PostgreSQL, a Kafka broker and
 * every service, as {@code ./run.sh} does, on free loopback ports), warms it up by time until its throughput is
 * stable, then measures fixed-duration phases at each concurrency level beside the baselines at the same level
 * on the same servers, searches the headline rate, measures the read-your-write lag at half of it, and runs the
 * large-data sections. It stops everything it started and prints one report. Not a test: nothing here asserts.
 */
public final class Benchmark {

    private static final Duration WARMUP_WINDOW = Duration.ofSeconds(10);
    private static final double STABLE_WITHIN = 0.10;

    private Benchmark() {}

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.from(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(settings));
    }

    static int run(Settings settings) {
        Instant began = Instant.now();
        Report report = new Report(settings, began);
        say("Settings: " + report.settingsLine());
        say("Data under " + settings.dataDirectory() + " (wiped first); the whole run gives up after "
                + settings.timeout().toSeconds() + " s.");
        BenchData.wipe(settings.dataDirectory());
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .rootDirectory(settings.root())
                .dataDirectory(settings.dataDirectory())
                .randomPorts()
                .serviceJvmOptions(settings.serviceJvmOptions());
        if (settings.runs("profile")) {
            // The profile section reads what PostgreSQL executed; the module costs a little on every statement.
            builder.postgresSetting("shared_preload_libraries", "pg_stat_statements");
        }
        LocalPlatform platform = builder.build();
        Thread hook = new Thread(platform::close, "bench-platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread watchdog = watchdog(platform, settings.timeout());
        int exitCode = 0;
        try {
            long startNanos = System.nanoTime();
            platform.start();
            report.platformStart(Duration.ofNanos(System.nanoTime() - startNanos));
            say("Platform up in " + report.platformStartSeconds() + " s; edge at " + platform.edgeUrl());
            measure(settings, platform, report);
        } catch (RuntimeException e) {
            System.err.println("[bench] The run failed: " + e);
            exitCode = 1;
        } finally {
            // From here on close() is the only wait, and it is bounded by the launcher's own grace periods.
            watchdog.interrupt();
            say("Stopping the platform");
            try {
                platform.close();
            } catch (RuntimeException e) {
                System.err.println("[bench] " + e.getMessage());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting; the hook has nothing left to do.
            }
        }
        report.print(System.out);
        if (exitCode == 0 && report.failures() > 0) {
            System.err.println("[bench] " + report.failures() + " operations failed; see the failures above."
                    + " The figures count successful operations only.");
            exitCode = 1;
        }
        return exitCode;
    }

    private static void measure(Settings settings, LocalPlatform platform, Report report) {
        Path postgres = settings.dataDirectory().resolve("postgres");
        PhaseRunner runner = new PhaseRunner(postgres, settings.timeout());
        EdgeClient alice = new EdgeClient(platform.edgeUrl(), "alice", "alice");
        PlatformLoad load = new PlatformLoad(alice, runner);
        Duration phase = settings.phase();

        warmUp(settings, load);
        if (settings.runs("baselines")) {
            say("Idle: the platform with no load for 10 s");
            double idle = runner.idleCores(Duration.ofSeconds(10));
            report.note(String.format(
                    Locale.ROOT,
                    "idle, with no load, the platform keeps %.2f cores busy (%.0f CPU ms a second): part of every"
                            + " phase's CPU per operation, most of it at low rates",
                    idle,
                    idle * 1000));
        }

        List<Phase> opens = new ArrayList<>();
        List<Phase> mixes = new ArrayList<>();
        AtomicReference<List<ProcessMemory.Usage>> memory = new AtomicReference<>();
        if (settings.runs("baselines") || settings.runs("opens") || settings.runs("mix")) {
            try (JdbcBaseline jdbc = settings.runs("baselines")
                            ? new JdbcBaseline(
                                    platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword(), runner)
                            : null;
                    KafkaBaseline kafka = settings.runs("baselines")
                            ? new KafkaBaseline(platform.kafkaBootstrapServers(), runner)
                            : null) {
                for (int clients : settings.clients()) {
                    PhaseRunner.Load closed = PhaseRunner.Load.closed(clients);
                    if (jdbc != null) {
                        report.phase(jdbc.run(closed, phase));
                        report.phase(load.trivialRequests(closed, phase));
                        report.phase(kafka.run(closed, phase));
                    }
                    if (settings.runs("opens")) {
                        Phase measured = load.opens(closed, phase);
                        opens.add(measured);
                        report.phase(measured);
                    }
                    if (settings.runs("mix")) {
                        AtomicReference<List<ProcessMemory.Usage>> reading = new AtomicReference<>();
                        Phase measured = load.mix(closed, phase, reading);
                        mixes.add(measured);
                        report.phase(measured);
                        if (reading.get() != null
                                && (memory.get() == null || total(reading.get()) > total(memory.get()))) {
                            memory.set(reading.get());
                            report.memoryUnderLoad(reading.get(), "the agents' mix, " + measured.load());
                        }
                    }
                }
            }
        }

        Report.Headline mixHeadline = null;
        if (settings.runs("headline")) {
            if (!opens.isEmpty()) {
                report.headline(headline(settings, "opens", opens, rate -> {
                    Phase measured = load.opens(PhaseRunner.Load.open(rate), phase);
                    report.phase(measured);
                    return measured;
                }));
            }
            if (!mixes.isEmpty()) {
                mixHeadline = headline(settings, "agents' mix (commands)", mixes, rate -> {
                    // The open loop's rate counts every operation of the mix; commands are 7 of its 9 steps.
                    Phase measured =
                            load.mix(PhaseRunner.Load.open(rate * PlatformLoad.OPERATIONS_PER_COMMAND), phase, null);
                    report.phase(measured);
                    return measured;
                });
                report.headline(mixHeadline);
            }
        }

        if (settings.runs("lag")) {
            double rate;
            if (mixHeadline != null && mixHeadline.phase() != null) {
                rate = mixHeadline.phase().perSecond() / 2;
            } else {
                double lowest =
                        mixes.stream().mapToDouble(Phase::perSecond).min().orElse(20);
                rate = lowest / 2;
                report.note("No mix rate held its p99 target: the lag is measured at half the slowest closed-loop"
                        + " mix phase, " + Report.rate(rate) + " operations/s.");
            }
            double operations = rate * PlatformLoad.OPERATIONS_PER_COMMAND;
            Samples lag = new Samples("command answered -> read model shows it");
            Phase measured = load.mixWithLag(operations, phase, lag);
            report.lag(measured, lag);
        }

        if (settings.runs("memory") && memory.get() == null) {
            AtomicReference<List<ProcessMemory.Usage>> reading = new AtomicReference<>();
            Phase measured = load.mix(PhaseRunner.Load.closed(settings.maxClients()), phase, reading);
            report.phase(measured);
            if (reading.get() != null) {
                report.memoryUnderLoad(reading.get(), "the agents' mix, " + measured.load());
            }
        }

        if (settings.runs("long-stream")) {
            new LongStreamSection(platform, alice, settings).run(report);
        }
        if (settings.runs("queue")) {
            new QueueSection(platform, alice, settings).run(report);
        }
        if (settings.runs("profile")) {
            new ProfileSection(platform, load, settings).run(report);
        }
    }

    /**
     * The agents' mix at the middle concurrency in windows of 10 s: at least {@code --warmup}, then on until two
     * windows in a row agree within 10 % (at most three times {@code --warmup}). Nothing of it is reported.
     */
    private static void warmUp(Settings settings, PlatformLoad load) {
        int clients = Math.min(16, settings.maxClients());
        long started = System.nanoTime();
        long minimum = settings.warmup().toNanos();
        long maximum = 3 * minimum;
        double previous = Double.NaN;
        while (true) {
            Phase window = load.mix(PhaseRunner.Load.closed(clients), WARMUP_WINDOW, null);
            double rate = window.perSecond();
            long elapsed = System.nanoTime() - started;
            boolean stable = !Double.isNaN(previous) && Math.abs(rate - previous) <= STABLE_WITHIN * previous;
            if (elapsed >= maximum || (elapsed >= minimum && stable)) {
                say(String.format(
                        Locale.ROOT,
                        "Warm-up done after %.0f s (%s)",
                        elapsed / 1e9,
                        stable ? "throughput stable" : "not stable within three times --warmup; going on anyway"));
                return;
            }
            previous = rate;
        }
    }

    /**
     * The highest rate whose p99 held the target: the best closed-loop phase that held it, then open-loop phases
     * between the best rate that held and the lowest that did not (halving down from the highest closed-loop rate
     * when none held), {@code --search-steps} of them.
     */
    private static Report.Headline headline(
            Settings settings, String workload, List<Phase> closed, DoubleFunction<Phase> openLoopAt) {
        double target = settings.p99TargetMillis();
        Phase best = closed.stream()
                .filter(p -> p.holds(target))
                .max(Comparator.comparingDouble(Phase::perSecond))
                .orElse(null);
        double highest = closed.stream().mapToDouble(Phase::perSecond).max().orElse(0);
        double held = best == null ? 0 : best.perSecond();
        double failed = highest;
        if (best != null && best.perSecond() >= highest) {
            return new Report.Headline(workload, best, "closed loop; no higher rate was reached");
        }
        for (int step = 0; step < settings.searchSteps() && failed > 1; step++) {
            double rate = held == 0 ? failed / 2 : (held + failed) / 2;
            Phase phase = openLoopAt.apply(rate);
            // An open loop that fell behind its arrivals did not hold the rate, whatever its p99.
            if (phase.holds(target) && phase.perSecond() >= 0.95 * rate) {
                held = rate;
                if (best == null || phase.perSecond() > best.perSecond()) {
                    best = phase;
                }
            } else {
                failed = rate;
            }
        }
        return new Report.Headline(
                workload,
                best,
                best == null
                        ? "no phase held the target"
                        : "the lowest rate tried that missed it: " + Report.rate(failed) + "/s");
    }

    private static long total(List<ProcessMemory.Usage> usages) {
        return usages.stream()
                .filter(u -> !u.name().startsWith("benchmark driver"))
                .mapToLong(u -> Math.max(0, u.pssKib()))
                .sum();
    }

    /** Ends the run when it takes too long: stops what it started, then exits with code 1. */
    private static Thread watchdog(LocalPlatform platform, Duration timeout) {
        Thread thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(timeout.toMillis());
                    } catch (InterruptedException finished) {
                        return;
                    }
                    System.err.println("[bench] The run took longer than " + timeout.toSeconds()
                            + " s (BENCH_TIMEOUT); stopping the platform and giving up.");
                    try {
                        platform.close();
                    } finally {
                        System.exit(1);
                    }
                },
                "bench-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void say(String message) {
        System.out.println("[bench] " + message);
    }
}
