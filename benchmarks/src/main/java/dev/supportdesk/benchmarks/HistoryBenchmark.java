package dev.supportdesk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./bench.sh history}: the analysts' side. Starts the platform as the main benchmark does, but without
 * sla-monitor, then
 * <ol>
 *     <li>seeds {@code --events} ticket events (ten per ticket) directly onto the topic, waits for the live read
 *     model, rebuilds {@code ticket-projection} with {@code POST /api/admin/projections/{name}/replay} and reads
 *     its rate from the progress; the baseline is a plain batched JDBC insert of one row per event (2,000 rows
 *     per transaction, like the rebuild's batches) on the same PostgreSQL;</li>
 *     <li>seeds {@code --report-tickets} report facts over one year directly into the report tables and times
 *     the three reports over that year through the edge, beside a plain {@code count(*)} over the same table.</li>
 * </ol>
 * It prints one table. Not a test: nothing is asserted.
 */
public final class HistoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows per transaction of the insert baseline: the records a rebuild applies in one (support.replay.batch-size). */
    private static final int BASELINE_BATCH = 2_000;

    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "HIGH", "URGENT"};
    private static final String EVENTS = "dev.supportdesk.contract.events.";
    private static final int REPEATS = 5;

    private HistoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        int reportTickets = 200_000;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--report-tickets=")) {
                reportTickets = Integer.parseInt(arg.substring("--report-tickets=".length()));
            } else {
                System.err.println("Usage: ./bench.sh history [--events=N (default 1000000)]"
                        + " [--report-tickets=N (default 200000)]");
                System.exit(2);
            }
        }
        events = Math.max(10, events - events % 10);
        Path data = Path.of("benchmarks/target/bench-history-data").toAbsolutePath();
        BenchData.wipe(data);
        LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(Path.of("").toAbsolutePath())
                .dataDirectory(data)
                .randomPorts()
                // Without sla-monitor: it would read the million seeded events too (a saga per ticket) and take
                // the cores the live read model and the rebuild are measured on.
                .services(EnumSet.of(Service.TICKET_COMMAND, Service.TICKET_QUERY, Service.EDGE))
                .serviceJvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC"))
                .build();
        Thread hook = new Thread(platform::close, "bench-history-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String[]> table = new ArrayList<>();
        int exit = 0;
        try {
            platform.start();
            String edge = "http://127.0.0.1:" + platform.port(Service.EDGE);
            EdgeClient admin = new EdgeClient(edge, "admin", "admin");
            say("Platform up; seeding " + events + " events onto the topic");
            seed(platform.kafkaBootstrapServers(), events);
            awaitLive(admin, "ticket-projection", events);

            say("Rebuilding ticket-projection from the first event");
            EdgeClient.Answer started = admin.post("/api/admin/projections/ticket-projection/replay", "{}");
            if (started.status() != 202) {
                throw new BenchmarkException("replay refused: " + started.status() + " " + started.body(), null);
            }
            JsonNode replay = awaitReplay(admin, started.id());
            double seconds = Duration.between(
                                    Instant.parse(replay.path("startedAt").asText()),
                                    Instant.parse(replay.path("finishedAt").asText()))
                            .toMillis()
                    / 1000.0;
            double rebuildRate = replay.path("eventsDone").asLong() / seconds;

            say("Baseline: plain batched JDBC insert of " + events + " rows");
            double insertRate = events
                    / jdbcInsert(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword(), events);
            table.add(row(
                    "rebuild ticket-projection, " + events + " events",
                    String.format("%.0f events/s", rebuildRate),
                    String.format("%.0f rows/s", insertRate),
                    String.format("%.2f", rebuildRate / insertRate)));

            say("Seeding " + reportTickets + " report facts over 2025");
            seedReports(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword(), reportTickets);
            EdgeClient analyst = new EdgeClient(edge, "ana", "ana");
            double countMillis = countStar(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
            String year = "from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z";
            for (String report : List.of(
                    "/api/reports/sla?" + year + "&groupBy=priority",
                    "/api/reports/sla?" + year + "&groupBy=assignee",
                    "/api/reports/volume?" + year + "&interval=day&groupBy=channel",
                    "/api/reports/backlog?" + year + "&interval=day&tz=Europe/Zurich")) {
                double millis = median(analyst, report);
                table.add(row(
                        "GET " + report.substring(0, report.indexOf('?'))
                                + report.substring(report.indexOf(year) + year.length()),
                        String.format("%.0f ms (median of %d)", millis, REPEATS),
                        String.format("%.0f ms count(*)", countMillis),
                        String.format("%.1f", millis / countMillis)));
            }
        } catch (Exception e) {
            System.err.println("[bench] The run failed: " + e);
            exit = 1;
        } finally {
            BenchData.stop(platform, hook);
        }
        if (exit == 0) {
            System.out.println();
            System.out.println(
                    "==== History benchmark (" + events + " events, " + reportTickets + " report tickets) ====");
            System.out.println("| what | platform | baseline | ratio |");
            System.out.println("| --- | --- | --- | --- |");
            for (String[] r : table) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
        }
        System.exit(exit);
    }

    /** A row of the table, also printed at once, so that a run cut short still shows what it measured. */
    private static String[] row(String... cells) {
        say(String.join(" | ", cells));
        return cells;
    }

    /** Ten events per ticket, in the wire format ticket-command's outbox writes, sent in batches. */
    private static void seed(String bootstrap, int events) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("linger.ms", "20");
        config.put("batch.size", "262144");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            long position = 0;
            for (int t = 0; t < events / 10; t++) {
                String id = "B-" + t;
                Instant at = t0.plusSeconds(60L * t);
                String[][] script = {
                    {
                        "TicketOpenedEvent",
                        "{\"ticketId\":\"" + id + "\",\"subject\":\"Bench " + t + "\",\"description\":"
                                + "\"Seeded\",\"channel\":\"" + CHANNELS[t % 6] + "\",\"priority\":\""
                                + PRIORITIES[t % 4]
                                + "\",\"requester\":{\"name\":\"Requester\",\"email\":null,\"phone\":null},"
                                + "\"customerTier\":\"STANDARD\",\"tags\":[]}"
                    },
                    {"SlaClockStartedEvent", clock(id, "FIRST_RESPONSE", at, 1)},
                    {"SlaClockStartedEvent", clock(id, "RESOLUTION", at, 8)},
                    {"TicketAssignedEvent", "{\"ticketId\":\"" + id + "\",\"assignee\":\"alice\",\"group\":\"tier1\"}"},
                    {"InternalNoteAddedEvent", "{\"ticketId\":\"" + id + "\",\"body\":\"looking\"}"},
                    {"PublicReplyPostedEvent", "{\"ticketId\":\"" + id + "\",\"body\":\"on it\"}"},
                    {
                        "SlaClockMetEvent",
                        "{\"ticketId\":\"" + id + "\",\"metric\":\"FIRST_RESPONSE\",\"elapsed\":\"PT20M\"}"
                    },
                    {"CustomerMessageReceivedEvent", "{\"ticketId\":\"" + id + "\",\"body\":\"thanks\"}"},
                    {"SlaClockMetEvent", "{\"ticketId\":\"" + id + "\",\"metric\":\"RESOLUTION\",\"elapsed\":\"PT2H\"}"
                    },
                    {"TicketResolvedEvent", "{\"ticketId\":\"" + id + "\",\"resolution\":\"done\"}"}
                };
                for (int v = 0; v < script.length; v++) {
                    Map<String, String> metadata = new HashMap<>();
                    metadata.put("actor", "alice");
                    metadata.put("actorRole", "AGENT");
                    metadata.put("correlationId", id + "-" + v);
                    metadata.put("causationId", id + "-" + v);
                    ProducerRecord<String, byte[]> record = EventRecords.toRecord(
                            "support.ticket-events",
                            new EventEnvelope(
                                    UUID.nameUUIDFromBytes((id + "/" + v).getBytes(StandardCharsets.UTF_8))
                                            .toString(),
                                    "Ticket",
                                    id,
                                    v + 1,
                                    ++position,
                                    EVENTS + script[v][0],
                                    "1",
                                    at.plusSeconds(v),
                                    metadata,
                                    script[v][1].getBytes(StandardCharsets.UTF_8)));
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    private static String clock(String id, String metric, Instant at, int hours) {
        return "{\"ticketId\":\"" + id + "\",\"metric\":\"" + metric
                + "\",\"policy\":\"default\",\"calendar\":\"24x7\","
                + "\"target\":\"PT" + hours + "H\",\"dueAt\":\"" + at.plus(Duration.ofHours(hours)) + "\",\"warnAt\":\""
                + at.plus(Duration.ofMinutes(48L * hours)) + "\"}";
    }

    private static void awaitLive(EdgeClient admin, String name, long events) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofHours(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode item = item(admin, name);
            if (item != null
                    && item.path("position").asLong() >= events
                    && item.path("lag").asLong(1) == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new BenchmarkException("the live read model did not catch up", null);
    }

    private static JsonNode awaitReplay(EdgeClient admin, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofHours(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode replay = item(admin, "ticket-projection").path("replay");
            if (replay.path("id").asText().equals(id)) {
                String state = replay.path("state").asText();
                if (state.equals("DONE")) {
                    return replay;
                }
                if (state.equals("FAILED") || state.equals("INTERRUPTED")) {
                    throw new BenchmarkException("the replay ended " + state + ": " + replay, null);
                }
                say("  " + replay.path("eventsDone").asLong() + " events, " + replay.path("eventsPerSecond") + "/s");
            }
            Thread.sleep(2000);
        }
        throw new BenchmarkException("the replay did not finish", null);
    }

    private static JsonNode item(EdgeClient admin, String name) throws Exception {
        EdgeClient.Answer answer = admin.get("/api/admin/projections");
        for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        return null;
    }

    /** Seconds to insert one row per event, 100 per transaction, into a scratch table. */
    private static double jdbcInsert(String url, String user, String password, int rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS bench_history CASCADE");
            ddl.execute("CREATE SCHEMA bench_history");
            ddl.execute(
                    "CREATE TABLE bench_history.event_row (stream_id varchar(100) NOT NULL, version bigint NOT NULL,"
                            + " body text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (stream_id, version))");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_history.event_row (stream_id, version, body, at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, "B-" + i / 10);
                    insert.setLong(2, i % 10 + 1);
                    insert.setString(3, "{\"ticketId\":\"B-" + i / 10 + "\",\"body\":\"seeded\"}");
                    insert.setTimestamp(4, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
                    insert.addBatch();
                    if (i % BASELINE_BATCH == BASELINE_BATCH - 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            connection.setAutoCommit(true);
            ddl.execute("DROP SCHEMA bench_history CASCADE");
            return seconds;
        }
    }

    /** One year of tickets, one every few minutes, straight into the report projection's tables. */
    private static void seedReports(String url, String user, String password, int tickets) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            long step = Duration.ofDays(365).toMillis() / tickets;
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            try (PreparedStatement ticket = connection.prepareStatement(
                            "INSERT INTO ticket_query.report_ticket (ticket_id, version, opened_at, channel, priority,"
                                    + " customer_tier, assignee, group_name, first_response_outcome,"
                                    + " first_response_minutes, resolution_outcome, resolution_minutes)"
                                    + " VALUES (?, 10, ?, ?, ?, 'STANDARD', ?, 'tier1', ?, ?, ?, ?)");
                    PreparedStatement span = connection.prepareStatement(
                            "INSERT INTO ticket_query.report_open_span (ticket_id, version, started_at, ended_at,"
                                    + " end_kind) VALUES (?, 1, ?, ?, ?)")) {
                for (int i = 0; i < tickets; i++) {
                    Instant opened = t0.plusMillis(step * i);
                    boolean resolved = i % 10 != 0;
                    ticket.setString(1, "R-" + i);
                    ticket.setTimestamp(2, Timestamp.from(opened));
                    ticket.setString(3, CHANNELS[i % 6]);
                    ticket.setString(4, PRIORITIES[i % 4]);
                    ticket.setString(5, "agent" + i % 40);
                    ticket.setString(6, i % 7 == 0 ? "BREACHED" : "MET");
                    ticket.setDouble(7, 5 + i % 120);
                    ticket.setString(8, resolved ? (i % 11 == 0 ? "BREACHED" : "MET") : null);
                    ticket.setObject(9, resolved ? (double) (60 + i % 900) : null);
                    ticket.addBatch();
                    span.setString(1, "R-" + i);
                    span.setTimestamp(2, Timestamp.from(opened));
                    span.setTimestamp(3, resolved ? Timestamp.from(opened.plus(Duration.ofHours(1 + i % 30))) : null);
                    span.setString(4, resolved ? "RESOLVED" : null);
                    span.addBatch();
                    if (i % 5000 == 4999) {
                        ticket.executeBatch();
                        span.executeBatch();
                        connection.commit();
                    }
                }
                ticket.executeBatch();
                span.executeBatch();
                connection.commit();
            }
            try (Statement analyze = connection.createStatement()) {
                connection.setAutoCommit(true);
                analyze.execute("ANALYZE ticket_query.report_ticket");
                analyze.execute("ANALYZE ticket_query.report_open_span");
            }
        }
    }

    private static double countStar(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            double[] millis = new double[REPEATS + 1];
            for (int i = 0; i <= REPEATS; i++) {
                long start = System.nanoTime();
                statement
                        .executeQuery("SELECT count(*) FROM ticket_query.report_ticket")
                        .close();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            return medianOfMeasured(millis);
        }
    }

    /** The median of REPEATS timed calls, after one untimed warm-up call. */
    private static double median(EdgeClient client, String path) throws Exception {
        double[] millis = new double[REPEATS + 1];
        for (int i = 0; i <= REPEATS; i++) {
            long start = System.nanoTime();
            EdgeClient.Answer answer = client.get(path);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new BenchmarkException(path + " answered " + answer.status() + ": " + answer.body(), null);
            }
        }
        return medianOfMeasured(millis);
    }

    private static double medianOfMeasured(double[] millis) {
        double[] measured = Arrays.copyOfRange(millis, 1, millis.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }
}
