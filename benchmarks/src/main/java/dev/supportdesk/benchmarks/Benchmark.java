package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark command behind {@code ./bench.sh}: starts the platform once (PostgreSQL, a Kafka broker and
 * every service, as {@code ./run.sh} does, on free loopback ports), drives it through the edge, measures
 * raw PostgreSQL and Kafka on the same servers as baselines, reads the processes' memory, stops everything
 * it started and prints one table. Warm-up work is never counted. Not a test: nothing here asserts.
 */
public final class Benchmark {

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
        deleteRecursively(settings.dataDirectory());
        LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(settings.root())
                .dataDirectory(settings.dataDirectory())
                .randomPorts()
                .serviceJvmOptions(settings.serviceJvmOptions())
                .build();
        Thread hook = new Thread(platform::close, "bench-platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread watchdog = watchdog(platform, settings.timeout());
        int exitCode = 0;
        try {
            long startNanos = System.nanoTime();
            platform.start();
            report.platformStart(Duration.ofNanos(System.nanoTime() - startNanos));
            say("Platform up in " + report.platformStartSeconds() + " s; edge at http://127.0.0.1:"
                    + platform.port(Service.EDGE));
            report.memoryAfterStart(ProcessMemory.snapshot(postgresData(settings)));

            Duration phaseTimeout = settings.timeout();
            EdgeClient alice = new EdgeClient("http://127.0.0.1:" + platform.port(Service.EDGE), "alice", "alice");
            PlatformLoad load = new PlatformLoad(alice, phaseTimeout);

            say("Warm-up: " + settings.warmup() + " tickets opened, assigned and replied to; "
                    + Math.min(settings.warmup(), 20) + " visibility samples (not counted)");
            PlatformLoad.Commands warm = load.commands("warmup", settings.warmup(), settings.concurrency());
            load.catchUp(warm);
            if (settings.warmup() > 0) {
                load.visibility("warmup-visibility", Math.min(settings.warmup(), 20));
            }

            say("Commands: " + settings.tickets() + " opens, then " + settings.tickets()
                    + " x (assign + public reply), " + settings.concurrency() + " clients");
            List<ProcessMemory.Usage> beforeLoad = ProcessMemory.snapshot(postgresData(settings));
            PlatformLoad.Commands commands = load.commands("load", settings.tickets(), settings.concurrency());
            report.commands(commands);
            say("Waiting for the read model to show every ticket at its last version");
            report.catchUp(load.catchUp(commands), eventCount(commands));
            report.cpuDuringLoad(beforeLoad, ProcessMemory.snapshot(postgresData(settings)));

            say("Visibility: " + settings.visibilitySamples() + " sequential opens, each read back with ?minVersion");
            report.visibility(load.visibility("visibility", settings.visibilitySamples()));

            int baselineCount = 3 * settings.tickets();
            say("Baseline JDBC: " + baselineCount + " inserts of " + Payloads.TARGET_BYTES
                    + " bytes, one transaction each, " + settings.concurrency() + " clients (after " + settings.warmup()
                    + " warm-up inserts)");
            report.jdbc(new JdbcBaseline(
                            platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword(), phaseTimeout)
                    .run(settings.warmup(), baselineCount, settings.concurrency()));

            say("Baseline Kafka: " + baselineCount + " records of " + Payloads.TARGET_BYTES
                    + " bytes, acks=all, idempotent, one at a time (after " + settings.warmup() + " warm-up records)");
            report.kafka(new KafkaBaseline(platform.kafkaBootstrapServers()).run(settings.warmup(), baselineCount));

            report.memoryAfterRun(ProcessMemory.snapshot(postgresData(settings)));
        } catch (RuntimeException e) {
            System.err.println("[bench] The run failed: " + e.getMessage());
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
        if (exitCode == 0) {
            report.print(System.out);
            if (report.failures() > 0) {
                System.err.println("[bench] " + report.failures() + " operations failed; see the failures above."
                        + " The figures count successful operations only.");
                exitCode = 1;
            }
        }
        return exitCode;
    }

    private static Path postgresData(Settings settings) {
        return settings.dataDirectory().resolve("postgres");
    }

    /** The number of events the load appended: a ticket's version is the length of its stream. */
    private static long eventCount(PlatformLoad.Commands commands) {
        long events = 0;
        for (int i = 0; i < commands.ids().length; i++) {
            if (commands.ids()[i] != null) {
                events += commands.versions()[i];
            }
        }
        return events;
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

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BenchmarkException("Could not clear " + directory + ": " + e.getMessage(), e);
        }
    }
}
