package dev.supportdesk.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the processes this run started, read from {@code /proc} (Linux). The service and broker JVMs
 * are found among this JVM's descendants by their command lines; PostgreSQL by the PID in its
 * {@code postmaster.pid}.
 */
final class ProcessMemory {

    /** One process (or, for PostgreSQL, the server and all its backends). */
    record Usage(String name, long pid, long rssKib, long pssKib, long heapLimitMib, long cpuTicks) {

        /** The heap limit for display: "384 MiB", "JVM default" or "-" where there is no Java heap. */
        String heapLimit() {
            return heapLimitMib > 0 ? heapLimitMib + " MiB" : heapLimitMib == 0 ? "JVM default" : "-";
        }
    }

    private static final Pattern XMX = Pattern.compile("^-Xmx(\\d+)([kKmMgG]?)$");
    private static final String[] MODULES = {"ticket-command", "ticket-query", "sla-monitor", "edge"};

    private ProcessMemory() {}

    static List<Usage> snapshot(Path postgresDataDirectory) {
        List<Usage> usages = new ArrayList<>();
        Map<String, ProcessHandle> found = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(process -> {
            List<String> command = commandLine(process.pid());
            for (String module : MODULES) {
                if (command.stream().anyMatch(arg -> arg.endsWith("/" + module + "-exec.jar"))) {
                    found.putIfAbsent(module, process);
                }
            }
            if (command.contains("kafka.Kafka")) {
                found.putIfAbsent("kafka broker", process);
            }
        });
        for (String name : List.of("ticket-command", "ticket-query", "sla-monitor", "edge", "kafka broker")) {
            ProcessHandle process = found.get(name);
            if (process == null) {
                usages.add(new Usage(name + " (not found)", -1, -1, -1, -1, -1));
                continue;
            }
            usages.add(new Usage(
                    name,
                    process.pid(),
                    status(process.pid(), "VmRSS"),
                    pss(process.pid()),
                    heapLimit(commandLine(process.pid())),
                    cpuTicks(process.pid())));
        }
        postgres(postgresDataDirectory).ifPresent(usages::add);
        ProcessHandle self = ProcessHandle.current();
        usages.add(new Usage(
                "benchmark driver (this JVM)",
                self.pid(),
                status(self.pid(), "VmRSS"),
                pss(self.pid()),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                cpuTicks(self.pid())));
        return usages;
    }

    /** The PostgreSQL server with all its backends: RSS summed (shared buffers counted in each), PSS summed. */
    private static Optional<Usage> postgres(Path dataDirectory) {
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(
                    Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            if (server.isEmpty() || commandLine(pid).stream().noneMatch(arg -> arg.contains("postgres"))) {
                return Optional.empty();
            }
            long rss = status(pid, "VmRSS");
            long pss = pss(pid);
            long cpu = cpuTicks(pid);
            int processes = 1;
            for (ProcessHandle child : server.get().descendants().toList()) {
                rss += Math.max(0, status(child.pid(), "VmRSS"));
                pss += Math.max(0, pss(child.pid()));
                cpu += Math.max(0, cpuTicks(child.pid()));
                processes++;
            }
            return Optional.of(new Usage("postgresql (" + processes + " processes)", pid, rss, pss, -1, cpu));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * User plus system CPU time in clock ticks (fields 14 and 15 of /proc/<pid>/stat; Linux counts
     * {@link #TICKS_PER_SECOND} per second); -1 when unreadable.
     */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // The command name (field 2) is in parentheses and may hold blanks; count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** USER_HZ: 100 on every common Linux build. */
    static final int TICKS_PER_SECOND = 100;

    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> parts = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    parts.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            if (from < raw.length) {
                parts.add(new String(raw, from, raw.length - from, StandardCharsets.UTF_8));
            }
            return parts;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A {@code kB} field of /proc/<pid>/status, e.g. VmRSS; -1 when unreadable. */
    private static long status(long pid, String field) {
        return kibField(Path.of("/proc", Long.toString(pid), "status"), field + ":");
    }

    /** Proportional set size: shared pages divided among the processes sharing them; -1 when unreadable. */
    private static long pss(long pid) {
        return kibField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    private static long kibField(Path file, String prefix) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return Long.parseLong(
                            line.substring(prefix.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not readable
        }
        return -1;
    }

    /** The last -Xmx on the command line (the one the JVM obeys) in MiB, else 0 (the JVM's default). */
    static long heapLimit(List<String> command) {
        long limit = 0;
        for (String arg : command) {
            if (arg.equals("-jar") || arg.equals("kafka.Kafka")) {
                break; // program arguments follow
            }
            Matcher m = XMX.matcher(arg);
            if (m.matches()) {
                long value = Long.parseLong(m.group(1));
                long bytes = switch (m.group(2).toLowerCase()) {
                    case "k" -> value * 1024;
                    case "m" -> value * 1024 * 1024;
                    case "g" -> value * 1024 * 1024 * 1024;
                    default -> value;
                };
                limit = bytes / (1024 * 1024);
            }
        }
        return limit;
    }
}
