package dev.supportdesk.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started by the launcher, with its output appended to one log file. It is stopped only
 * through its own {@link Process} handle, never by name, so nothing else on the machine is touched.
 */
final class JavaProcess {

    /**
     * setsid gives the child a session of its own: Ctrl-C in the terminal then reaches only the launcher,
     * whose shutdown hook stops the children in order (services, Kafka, PostgreSQL). setsid execs the
     * command without forking, so the handle's PID stays the JVM's.
     */
    private static final java.util.Optional<String> SETSID = java.util.stream.Stream.of(
                    "/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path)))
            .findFirst();

    private final String name;
    private final Process process;
    private final Path logFile;

    private JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static JavaProcess start(
            String name,
            List<String> javaArguments,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(command::add);
        command.add(javaExecutable());
        command.addAll(javaArguments);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "---- " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            return new JavaProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new PlatformException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short-lived JVM (a tool) to its end and fails with its output when it does not succeed. */
    static void run(String name, List<String> javaArguments, Path workingDirectory, Path logFile, Duration timeout) {
        JavaProcess tool = start(name, javaArguments, Map.of(), workingDirectory, logFile);
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.stop(Duration.ofSeconds(5));
                throw new PlatformException(
                        name + " did not finish within " + timeout.toSeconds() + " s." + tool.describeLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.stop(Duration.ofSeconds(5));
            throw new PlatformException(name + " was interrupted");
        }
        if (tool.process.exitValue() != 0) {
            throw new PlatformException(
                    name + " failed with exit code " + tool.process.exitValue() + "." + tool.describeLog());
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * SIGTERM first so that Spring and Kafka shut down cleanly (Kafka then skips log recovery on the next
     * start); forcibly only when the grace period runs out.
     */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL to the JVM and anything it started, as a crash would end them; waits until they are gone. */
    void kill(Duration wait) {
        if (!process.isAlive()) {
            return;
        }
        Processes.killAll(name, Processes.withDescendants(process.toHandle()), wait);
    }

    /** The JVM's id and those of processes it started, while they run. */
    List<Long> pids() {
        return process.isAlive() ? Processes.pids(Processes.withDescendants(process.toHandle())) : List.of();
    }

    /** The log's last lines, for error messages. */
    String describeLog() {
        return System.lineSeparator() + "Last lines of " + logFile + ":" + System.lineSeparator() + tail(logFile, 40);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log written)";
        }
        // Read only the end: a service log can grow large over a long local run.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int start = Math.max(0, all.length - lines);
            return String.join(System.lineSeparator(), java.util.Arrays.copyOfRange(all, start, all.length));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
