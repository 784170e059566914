package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one steady-state run does. Each setting is an environment variable, or the same name as an argument
 * ({@code --clients=1,4}), which wins over the variable.
 */
record Settings(
        Duration warmup,
        List<Integer> clients,
        Duration phase,
        Set<String> sections,
        int searchSteps,
        double p99TargetMillis,
        int queueTickets,
        int streamEvents,
        List<String> serviceJvmOptions,
        Duration timeout,
        Path root,
        Path dataDirectory) {

    /** Every section, in the order a run does them; {@code profile} only runs when asked for. */
    static final List<String> SECTIONS =
            List.of("baselines", "opens", "mix", "headline", "lag", "memory", "long-stream", "queue", "profile");

    static final List<String> DEFAULT_SECTIONS =
            List.of("baselines", "opens", "mix", "headline", "lag", "memory", "long-stream", "queue");

    static final String USAGE = """
            Usage: ./bench.sh [--warmup=60s] [--clients=1,4,16,64] [--phase=30s] [--sections=a,b,...] ...
              --warmup         BENCH_WARMUP           agents' mix first, never counted, until throughput is stable (default 60s)
              --clients        BENCH_CLIENTS          closed-loop concurrency levels (default 1,4,16,64)
              --phase          BENCH_PHASE            length of every measured phase (default 30s)
              --sections       BENCH_SECTIONS         any of baselines,opens,mix,headline,lag,memory,long-stream,queue,profile
                                                      (default all but profile)
              --search-steps   BENCH_SEARCH_STEPS     open-loop phases per headline search (default 4)
              --p99-target     BENCH_P99_TARGET       p99 in ms a headline rate must keep (default 50)
              --queue-tickets  BENCH_QUEUE_TICKETS    read-model rows seeded for the queue section (default 100000)
              --stream-events  BENCH_STREAM_EVENTS    events seeded onto one ticket for the long-stream section (default 10000)
              --timeout        BENCH_TIMEOUT          seconds after which the whole run gives up (default 2700)
                               BENCH_SERVICE_JVM_OPTIONS  JVM options of each service, after its own heap limit
                                                      (default: the local start's; an -Xmx here applies to all)
                               PLATFORM_ROOT          repository root (default: the working directory)""";

    private static final List<String> ARGUMENTS = List.of(
            "warmup",
            "clients",
            "phase",
            "sections",
            "search-steps",
            "p99-target",
            "queue-tickets",
            "stream-events",
            "timeout");

    static Settings from(Map<String, String> env, String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
            if (!arg.startsWith("--") || !arg.contains("=") || !ARGUMENTS.contains(name)) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'." + System.lineSeparator() + USAGE);
            }
        }
        Duration warmup = duration(value(env, args, "BENCH_WARMUP", "warmup", "60s"), "--warmup", 5);
        List<Integer> clients = new ArrayList<>();
        for (String level :
                value(env, args, "BENCH_CLIENTS", "clients", "1,4,16,64").split(",")) {
            clients.add(number(level, "--clients", 1, 512));
        }
        Duration phase = duration(value(env, args, "BENCH_PHASE", "phase", "30s"), "--phase", 5);
        Set<String> sections = new LinkedHashSet<>();
        String wanted = value(env, args, "BENCH_SECTIONS", "sections", String.join(",", DEFAULT_SECTIONS));
        List<String> named = Arrays.stream(wanted.split(",")).map(String::trim).toList();
        for (String section : named) {
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException(
                        "--sections: unknown section '" + section + "'; known: " + String.join(",", SECTIONS));
            }
        }
        SECTIONS.stream().filter(named::contains).forEach(sections::add);
        int searchSteps = number(value(env, args, "BENCH_SEARCH_STEPS", "search-steps", "4"), "--search-steps", 0, 20);
        int target = number(value(env, args, "BENCH_P99_TARGET", "p99-target", "50"), "--p99-target", 1, 60_000);
        int queueTickets = number(
                value(env, args, "BENCH_QUEUE_TICKETS", "queue-tickets", "100000"), "--queue-tickets", 1, 10_000_000);
        int streamEvents = number(
                value(env, args, "BENCH_STREAM_EVENTS", "stream-events", "10000"), "--stream-events", 1, 1_000_000);
        int timeoutSeconds = number(value(env, args, "BENCH_TIMEOUT", "timeout", "2700"), "--timeout", 60, 86_400);
        Path root =
                Path.of(env.getOrDefault("PLATFORM_ROOT", "")).toAbsolutePath().normalize();
        return new Settings(
                warmup,
                List.copyOf(clients),
                phase,
                Set.copyOf(sections),
                searchSteps,
                target,
                queueTickets,
                streamEvents,
                serviceJvmOptions(env),
                Duration.ofSeconds(timeoutSeconds),
                root,
                root.resolve("benchmarks").resolve("target").resolve("bench-data"));
    }

    /** BENCH_SERVICE_JVM_OPTIONS split at blanks, or the local start's own default when it is not set. */
    static List<String> serviceJvmOptions(Map<String, String> env) {
        String options = env.getOrDefault("BENCH_SERVICE_JVM_OPTIONS", "").trim();
        return options.isEmpty()
                ? LocalPlatform.DEFAULT_SERVICE_JVM_OPTIONS
                : Arrays.stream(options.split("\\s+")).toList();
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    int maxClients() {
        return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    private static String value(
            Map<String, String> env, String[] args, String variable, String argument, String fallback) {
        String value = env.get(variable);
        for (String arg : args) {
            if (arg.startsWith("--" + argument + "=")) {
                value = arg.substring(argument.length() + 3);
            }
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** "90s", "2m" or a plain number of seconds. */
    static Duration duration(String value, String source, int minimumSeconds) {
        String text = value.toLowerCase(Locale.ROOT);
        long factor = 1;
        if (text.endsWith("m")) {
            factor = 60;
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1);
        }
        long seconds = number(text, source, 0, Integer.MAX_VALUE) * factor;
        if (seconds < minimumSeconds) {
            throw new IllegalArgumentException(
                    source + " must be at least " + minimumSeconds + " s, got '" + value + "'");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int number(String value, String source, int minimum, int maximum) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < minimum || number > maximum) {
                throw new IllegalArgumentException(
                        source + " must be between " + minimum + " and " + maximum + ", got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a whole number, got '" + value + "'");
        }
    }
}
