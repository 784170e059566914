package dev.supportdesk.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does. Each setting is an environment variable, or the same name as an argument
 * ({@code --tickets=300}), which wins over the variable.
 */
record Settings(
        int tickets,
        int concurrency,
        int warmup,
        int visibilitySamples,
        List<String> serviceJvmOptions,
        Duration timeout,
        Path root,
        Path dataDirectory) {

    static final String USAGE = """
            Usage: ./bench.sh [--tickets=N] [--concurrency=N] [--warmup=N] [--samples=N] [--timeout=SECONDS]
              --tickets      BENCH_TICKETS              tickets opened, then assigned and replied to (default 300)
              --concurrency  BENCH_CONCURRENCY          concurrent clients for commands and JDBC inserts (default 4)
              --warmup       BENCH_WARMUP               tickets / inserts / records sent first and not counted (default 50)
              --samples      BENCH_VISIBILITY_SAMPLES   sequential open-then-read samples (default 100)
              --timeout      BENCH_TIMEOUT              seconds after which the whole run gives up (default 600)
                             BENCH_SERVICE_JVM_OPTIONS  JVM options of each service (default -Xmx384m -XX:+UseSerialGC)
                             PLATFORM_ROOT              repository root (default: the working directory)""";

    static Settings from(Map<String, String> env, String[] args) {
        int tickets = number(env, args, "BENCH_TICKETS", "tickets", 300, 1);
        int concurrency = number(env, args, "BENCH_CONCURRENCY", "concurrency", 4, 1);
        int warmup = number(env, args, "BENCH_WARMUP", "warmup", 50, 0);
        int samples = number(env, args, "BENCH_VISIBILITY_SAMPLES", "samples", 100, 1);
        int timeoutSeconds = number(env, args, "BENCH_TIMEOUT", "timeout", 600, 60);
        String jvm = env.getOrDefault("BENCH_SERVICE_JVM_OPTIONS", "").isBlank()
                ? "-Xmx384m -XX:+UseSerialGC"
                : env.get("BENCH_SERVICE_JVM_OPTIONS");
        Path root =
                Path.of(env.getOrDefault("PLATFORM_ROOT", "")).toAbsolutePath().normalize();
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
            if (!List.of("tickets", "concurrency", "warmup", "samples", "timeout")
                            .contains(name)
                    || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'." + System.lineSeparator() + USAGE);
            }
        }
        return new Settings(
                tickets,
                concurrency,
                warmup,
                samples,
                Arrays.stream(jvm.trim().split("\\s+")).toList(),
                Duration.ofSeconds(timeoutSeconds),
                root,
                root.resolve("benchmarks").resolve("target").resolve("bench-data"));
    }

    private static int number(
            Map<String, String> env, String[] args, String variable, String argument, int fallback, int minimum) {
        String value = env.get(variable);
        String source = variable;
        for (String arg : args) {
            if (arg.startsWith("--" + argument + "=")) {
                value = arg.substring(argument.length() + 3);
                source = "--" + argument;
            }
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < minimum) {
                throw new IllegalArgumentException(source + " must be at least " + minimum + ", got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a whole number, got '" + value + "'");
        }
    }
}
