package dev.supportdesk.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import dev.supportdesk.testing.TicketRecords;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How late SLA escalations land: {@code --deadlines} open tickets' breach deadlines pending in sla-monitor's
 * db-scheduler table, falling due evenly over {@code --window} seconds, each measured from its due instant to the
 * moment a stand-in for ticket-command receives its breach command. Beside it, in the same run and on the same
 * PostgreSQL and due at the same instants, the baseline: as many db-scheduler tasks that do nothing, run by a
 * scheduler in this process with sla-monitor's polling interval and threads, measured from their due instant to
 * their start.
 * <p>
 * The deadlines are made by sla-monitor itself from one {@code SlaClockStartedEvent} per ticket written straight
 * to the topic (no ticket-command, no API) with due instants a month away, so that their rows, saga state and
 * payloads are exactly what sla-monitor stores; then their {@code execution_time} is rewritten in
 * {@code sla_monitor.scheduled_tasks} to spread them over the window. Not a test: nothing here asserts.
 */
public final class SlaLatencyBenchmark {

    private static final Pattern DUE_AT = Pattern.compile("\"dueAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final String TOPIC = "support.ticket-events";

    private SlaLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int deadlines = 10_000;
        int windowSeconds = 600;
        int leadSeconds = 30;
        for (String arg : args) {
            if (arg.startsWith("--deadlines=")) {
                deadlines = Integer.parseInt(arg.substring("--deadlines=".length()));
            } else if (arg.startsWith("--window=")) {
                windowSeconds = Integer.parseInt(arg.substring("--window=".length()));
            } else if (arg.startsWith("--lead=")) {
                leadSeconds = Integer.parseInt(arg.substring("--lead=".length()));
            } else {
                System.err.println("usage: bench-sla.sh [--deadlines=10000] [--window=600 (seconds)] [--lead=30]");
                System.exit(2);
            }
        }
        if (deadlines < 1 || windowSeconds < 1 || leadSeconds < 1) {
            System.err.println("--deadlines, --window and --lead must be positive");
            System.exit(2);
        }
        System.exit(run(deadlines, Duration.ofSeconds(windowSeconds), Duration.ofSeconds(leadSeconds)));
    }

    static int run(int count, Duration window, Duration lead) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("PLATFORM_ROOT", "."))
                .toAbsolutePath()
                .normalize();
        Path data = root.resolve("benchmarks/target/bench-sla-data");
        deleteRecursively(data);
        say("SLA lateness: " + count + " deadlines due evenly over " + window.toSeconds() + " s, starting "
                + lead.toSeconds() + " s after seeding; data under " + data + " (wiped first)");

        StubTicketCommand stub = new StubTicketCommand();
        LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(root)
                .dataDirectory(data)
                .randomPorts()
                .services(Set.of(Service.SLA_MONITOR))
                .serviceJvmOptions(Settings.serviceJvmOptions(System.getenv()))
                // Larger consumer batches only make the seeding quicker; deadlines fire as configured.
                .serviceArguments(
                        Service.SLA_MONITOR, "--COMMAND_URL=" + stub.url(), "--support.consumer.batch-size=256")
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "bench-sla-shutdown"));
        try {
            platform.start();
            say("PostgreSQL, Kafka and sla-monitor up; the stand-in for ticket-command at " + stub.url());
            Instant farAway = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

            seed(platform, count, farAway);
            Duration timeout = Duration.ofMinutes(5).plus(Duration.ofMillis(count));
            awaitCount(platform, "SELECT count(*) FROM sla_monitor.scheduled_tasks", count, timeout);
            say(count + " deadlines pending in sla_monitor.scheduled_tasks");

            Instant start = Instant.now().plus(lead).truncatedTo(ChronoUnit.MILLIS);
            Duration step = window.dividedBy(count);
            Baseline baseline = new Baseline(platform, count, start, step);
            spread(platform, start, step);
            say("Deadlines rewritten to fall due from " + start + " every " + step.toNanos() / 1e6
                    + " ms; as many no-op db-scheduler tasks due at the same instants");
            baseline.start();
            Instant deadline = start.plus(window).plus(Duration.ofMinutes(3));
            while ((stub.received() < count || baseline.done() < count)
                    && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            long[] baselineLateness = baseline.finish();
            long[] escalations = stub.lateness(farAway, start, step);

            String table = table(count, window, baselineLateness, escalations);
            System.out.println();
            System.out.println(table);
            return escalations.length == count && baselineLateness.length == count ? 0 : 1;
        } finally {
            stub.close();
            platform.close();
        }
    }

    /** One SlaClockStartedEvent per ticket, due {@code farAway + i ms}: the i-th deadline in due order. */
    private static void seed(LocalPlatform platform, int count, Instant farAway) throws Exception {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            List<Integer> unsent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                unsent.add(i);
            }
            // Until every record is acknowledged: the first ones can fail while the topic is being created.
            for (int round = 0; !unsent.isEmpty() && round < 10; round++) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i : unsent) {
                    sent.add(producer.send(record(i, farAway)));
                }
                producer.flush();
                List<Integer> failed = new ArrayList<>();
                for (int k = 0; k < sent.size(); k++) {
                    try {
                        sent.get(k).get();
                    } catch (ExecutionException e) {
                        failed.add(unsent.get(k));
                    }
                }
                unsent = failed;
            }
            if (!unsent.isEmpty()) {
                throw new IllegalStateException(unsent.size() + " records could not be sent");
            }
        }
    }

    /** The i-th ticket's clock start, due {@code farAway + i ms}. */
    private static ProducerRecord<String, byte[]> record(int i, Instant farAway) {
        String ticketId = "B-" + i;
        SlaClockStartedEvent started = new SlaClockStartedEvent(
                ticketId,
                SlaMetric.FIRST_RESPONSE,
                "default",
                "24x7",
                Duration.ofDays(30),
                farAway.plusMillis(i),
                null);
        return TicketRecords.event(ticketId, 1, started).actor("system").record(TOPIC);
    }

    /** Rewrites each pending deadline's instant: the i-th in due order falls due at {@code start + i * step}. */
    private static void spread(LocalPlatform platform, Instant start, Duration step) throws Exception {
        try (Connection connection = connect(platform);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sla_monitor.scheduled_tasks t SET execution_time = ?::timestamptz"
                                + " + (r.rank - 1) * (? * interval '1 microsecond')"
                                + " FROM (SELECT task_name, task_instance,"
                                + " row_number() OVER (ORDER BY execution_time, task_instance) AS rank"
                                + " FROM sla_monitor.scheduled_tasks) r"
                                + " WHERE t.task_name = r.task_name AND t.task_instance = r.task_instance")) {
            update.setTimestamp(1, Timestamp.from(start));
            update.setLong(2, step.toNanos() / 1000);
            update.executeUpdate();
        }
    }

    /**
     * The same number of no-op tasks, due at the same instants, on the same PostgreSQL, run by a db-scheduler of
     * this process set up like sla-monitor's: polling every second, 4 threads, no immediate execution. Each
     * records how late it started. It runs while the deadlines fire, so both share the machine alike.
     */
    static final class Baseline {

        private final LocalPlatform platform;
        private final long[] late;
        private final AtomicInteger done = new AtomicInteger();
        private final Scheduler scheduler;

        Baseline(LocalPlatform platform, int count, Instant start, Duration step) throws Exception {
            this.platform = platform;
            try (Connection connection = connect(platform);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS bench_scratch");
                statement.execute("DROP TABLE IF EXISTS bench_scratch.scheduled_tasks");
                statement.execute(
                        "CREATE TABLE bench_scratch.scheduled_tasks (LIKE sla_monitor.scheduled_tasks INCLUDING ALL)");
            }
            late = new long[count];
            Arrays.fill(late, -1);
            OneTimeTask<Void> noop = Tasks.oneTime("bench-noop").execute((instance, context) -> {
                late[Integer.parseInt(instance.getId())] =
                        ChronoUnit.MICROS.between(context.getExecution().executionTime, Instant.now());
                done.incrementAndGet();
            });
            PGSimpleDataSource dataSource = dataSource(platform);
            dataSource.setCurrentSchema("bench_scratch");
            scheduler = Scheduler.create((DataSource) dataSource, noop)
                    .tableName("scheduled_tasks")
                    .pollingInterval(Duration.ofSeconds(1))
                    .threads(4)
                    .heartbeatInterval(Duration.ofSeconds(2))
                    .build();
            List<SchedulableInstance<?>> instances = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                instances.add(
                        SchedulableInstance.of(noop.instance(String.valueOf(i)), start.plus(step.multipliedBy(i))));
            }
            scheduler.scheduleBatch(instances);
        }

        void start() {
            scheduler.start();
        }

        int done() {
            return done.get();
        }

        long[] finish() throws Exception {
            scheduler.stop();
            try (Connection connection = connect(platform);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA bench_scratch CASCADE");
            }
            return Arrays.stream(late).filter(micros -> micros >= 0).toArray();
        }
    }

    private static String table(int count, Duration window, long[] baseline, long[] escalations) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "SLA lateness: %d deadlines due evenly over %d s (%.1f per second); milliseconds after the due instant%n",
                count,
                window.toSeconds(),
                count / (double) window.toSeconds()));
        out.append(String.format(
                Locale.ROOT, "| %-54s | %6s | %7s | %7s | %7s | %7s |%n", "what", "count", "p50", "p95", "p99", "max"));
        out.append("| ").append("-".repeat(54)).append(" | ------ | ------- | ------- | ------- | ------- |\n");
        out.append(row("baseline: no-op db-scheduler task started", baseline));
        out.append(row("sla-monitor: breach command received by ticket-command", escalations));
        return out.toString();
    }

    private static String row(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "| %-54s | %6d | %7s | %7s | %7s | %7s |%n",
                what,
                sorted.length,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)),
                millis(sorted.length == 0 ? null : sorted[sorted.length - 1]));
    }

    private static Long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String millis(Long micros) {
        return micros == null ? "-" : String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }

    private static void awaitCount(LocalPlatform platform, String sql, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = connect(platform);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                seen = rows.getInt(1);
            }
            if (seen >= count) {
                return;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("only " + seen + " of " + count + " deadlines pending after " + timeout);
    }

    private static PGSimpleDataSource dataSource(LocalPlatform platform) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(platform.jdbcUrl());
        dataSource.setUser(platform.databaseUser());
        dataSource.setPassword(platform.databasePassword());
        return dataSource;
    }

    private static Connection connect(LocalPlatform platform) throws Exception {
        return DriverManager.getConnection(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
    }

    private static void say(String message) {
        System.out.println("[bench-sla] " + message);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Stands in for ticket-command on 127.0.0.1: answers every SLA command 200 and notes when each breach
     * arrived, by the due instant its body names.
     */
    static final class StubTicketCommand implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(8);
        private final ConcurrentHashMap<Instant, Instant> breaches = new ConcurrentHashMap<>();

        StubTicketCommand() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int received() {
            return breaches.size();
        }

        /** Microseconds late of each breach: the i-th due instant was {@code start + i * step}. */
        long[] lateness(Instant farAway, Instant start, Duration step) {
            List<Long> late = new ArrayList<>();
            breaches.forEach((dueAt, receivedAt) -> {
                long index = ChronoUnit.MILLIS.between(farAway, dueAt);
                Instant due = start.plus(step.multipliedBy(index));
                late.add(ChronoUnit.MICROS.between(due, receivedAt));
            });
            return late.stream().mapToLong(Long::longValue).toArray();
        }

        private void handle(HttpExchange exchange) throws IOException {
            Instant now = Instant.now();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (exchange.getRequestURI().getPath().endsWith("/sla/breaches")) {
                Matcher dueAt = DUE_AT.matcher(body);
                if (dueAt.find()) {
                    breaches.putIfAbsent(Instant.parse(dueAt.group(1)), now);
                }
            }
            String[] segments = exchange.getRequestURI().getPath().split("/");
            byte[] answer = ("{\"id\":\"" + (segments.length > 3 ? segments[3] : "") + "\",\"version\":2}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
