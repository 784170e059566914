package dev.supportdesk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code ./bench.sh audit}: what the audit chain costs (docs/benchmarks.md, "Audit"). Starts PostgreSQL, Kafka
 * and ticket-command, then
 * <ol>
 *     <li>seeds {@code --events} ticket events (ten per ticket) directly into the event store with ticket-command
 *     stopped, through the chain's trigger, so every hash and head is the real one;</li>
 *     <li>signs a checkpoint over them and runs the whole-store verification job ({@code POST /api/audit/verify}),
 *     its rate read from the job's own start and finish; the baseline, in the same run, reads the same canonical
 *     bytes (the migration's {@code audit_canonical_bytes}) and hashes each with one plain SHA-256: the rate of
 *     the digest alone, and of reading plus digest;</li>
 *     <li>times {@code --inserts} single-event transactions (an append as a command makes it) into the event
 *     table, through the trigger, against the same inserts into a scratch copy of the table without it,
 *     alternating; and, for scale, the same number of commands (internal notes) through ticket-command's
 *     API.</li>
 * </ol>
 * It prints one table. Not a test: nothing is asserted.
 */
public final class AuditBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "dev.supportdesk.contract.events.";
    private static final int BLOCK = 10_000;
    /** Rows per seeding statement and transaction. */
    private static final int SEED_BATCH = 50_000;
    /** What seeded events carry: the event type and its payload, per version of a ticket. */
    private static final String[] SCRIPT = {
        "TicketOpenedEvent",
        "SlaClockStartedEvent",
        "SlaClockStartedEvent",
        "TicketAssignedEvent",
        "InternalNoteAddedEvent",
        "PublicReplyPostedEvent",
        "SlaClockMetEvent",
        "CustomerMessageReceivedEvent",
        "SlaClockMetEvent",
        "TicketResolvedEvent"
    };

    private AuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        int inserts = 500;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--inserts=")) {
                inserts = Integer.parseInt(arg.substring("--inserts=".length()));
            } else {
                System.err.println(
                        "Usage: ./bench.sh audit [--events=N (default 1000000)] [--inserts=N (default 500)]");
                System.exit(2);
            }
        }
        // Whole blocks of a thousand tickets with ten events each.
        events = Math.max(BLOCK, events - events % BLOCK);
        Path data = Path.of("benchmarks/target/bench-audit-data").toAbsolutePath();
        BenchData.wipe(data);
        LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(Path.of("").toAbsolutePath())
                .dataDirectory(data)
                .randomPorts()
                .services(Set.of(Service.TICKET_COMMAND))
                .serviceJvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC"))
                .build();
        Thread hook = new Thread(platform::close, "bench-audit-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String[]> table = new ArrayList<>();
        int exit = 0;
        try {
            platform.start();
            String url = platform.jdbcUrl();
            String user = platform.databaseUser();
            String password = platform.databasePassword();

            // Seeded with the service stopped, and its outbox moved past them: the run measures verification,
            // not a million events on their way to Kafka at the same time.
            say("Platform up; stopping ticket-command to seed " + events + " events through the chain's trigger");
            platform.instance(Service.TICKET_COMMAND, 1).stop();
            double seedSeconds = seed(url, user, password, events);
            table.add(row(
                    "seed " + events + " events through the trigger (batches of " + SEED_BATCH + ")",
                    String.format("%.0f events/s", events / seedSeconds),
                    "",
                    ""));
            platform.instance(Service.TICKET_COMMAND, 1).start();
            EdgeClient admin = new EdgeClient(platform.serviceUrl(Service.TICKET_COMMAND), "admin", "admin");

            EdgeClient.Answer checkpoint = admin.post("/api/audit/checkpoints", "");
            if (checkpoint.status() != 201) {
                throw new BenchmarkException(
                        "checkpoint refused: " + checkpoint.status() + " " + checkpoint.body(), null);
            }
            say("Verifying the whole store (the job)");
            JsonNode job = verify(admin);
            long checked = job.path("eventsChecked").asLong();
            double verifySeconds = Duration.between(
                                    Instant.parse(job.path("startedAt").asText()),
                                    Instant.parse(job.path("finishedAt").asText()))
                            .toMillis()
                    / 1000.0;
            double verifyRate = checked / verifySeconds;
            boolean verified = job.path("result").path("verified").asBoolean();

            // Once more: the first job ran in a freshly started service, its code not yet compiled.
            say("Verifying the whole store again (the service warm)");
            JsonNode again = verify(admin);
            double againSeconds = Duration.between(
                                    Instant.parse(again.path("startedAt").asText()),
                                    Instant.parse(again.path("finishedAt").asText()))
                            .toMillis()
                    / 1000.0;

            say("Baseline: the same canonical bytes, read and hashed with one SHA-256");
            double[] baseline = hashBaseline(url, user, password);
            double digestRate = baseline[0] / baseline[1];
            double readAndDigestRate = baseline[0] / baseline[2];
            table.add(row(
                    "verify the whole store, " + checked + " events (" + (verified ? "verified" : "NOT verified") + ")",
                    String.format("%.0f events/s (%.1f s)", verifyRate, verifySeconds),
                    String.format("%.0f events/s SHA-256 alone", digestRate),
                    String.format("%.3f", verifyRate / digestRate)));
            say("Baseline: the rows as the verifier reads them (every stream in order), read alone");
            double readAlone = checked / verifierRead(url, user, password);
            table.add(row(
                    "  verify again, the service warm",
                    String.format(
                            "%.0f events/s (%.1f s)",
                            again.path("eventsChecked").asLong() / againSeconds, againSeconds),
                    String.format("%.0f events/s SHA-256 alone", digestRate),
                    String.format("%.3f", again.path("eventsChecked").asLong() / againSeconds / digestRate)));
            table.add(row(
                    "  the same, against the verifier's read of the rows alone (no hashing)",
                    String.format("%.0f events/s", verifyRate),
                    String.format("%.0f events/s read", readAlone),
                    String.format("%.2f", verifyRate / readAlone)));
            table.add(row(
                    "  the same, against reading the canonical bytes and hashing them",
                    String.format("%.0f events/s", verifyRate),
                    String.format("%.0f events/s read + SHA-256", readAndDigestRate),
                    String.format("%.2f", verifyRate / readAndDigestRate)));

            say("Appends: " + inserts + " single-event transactions with the chain, " + inserts + " without");
            double[][] appends = appends(url, user, password, inserts);
            double[] chained = appends[0];
            double[] plain = appends[1];
            table.add(row(
                    "append one event per transaction, through the chain's trigger (p50 / p95 / mean)",
                    String.format("%.2f / %.2f / %.2f ms", chained[0], chained[1], chained[2]),
                    String.format("%.2f / %.2f / %.2f ms without", plain[0], plain[1], plain[2]),
                    String.format("+%.2f ms at p50", chained[0] - plain[0])));

            say("Commands for scale: " + inserts + " internal notes through ticket-command's API");
            double[] command =
                    commands(new EdgeClient(platform.serviceUrl(Service.TICKET_COMMAND), "alice", "alice"), inserts);
            table.add(row(
                    "command POST /api/tickets/{id}/replies (INTERNAL), p50 / p95 / mean",
                    String.format("%.2f / %.2f / %.2f ms", command[0], command[1], command[2]),
                    "",
                    String.format("the chain: %.0f %% of p50", 100 * (chained[0] - plain[0]) / command[0])));
        } catch (Exception e) {
            System.err.println("[bench] The run failed: " + e);
            exit = 1;
        } finally {
            BenchData.stop(platform, hook);
        }
        if (exit == 0) {
            System.out.println();
            System.out.println("==== Audit benchmark (" + events + " events, " + inserts + " appends) ====");
            System.out.println("| what | platform | baseline | ratio |");
            System.out.println("| --- | --- | --- | --- |");
            for (String[] r : table) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
        }
        System.exit(exit);
    }

    /**
     * Ten events per ticket, a thousand tickets at a time interleaved in position order (as tickets open and are
     * worked side by side), in batches; answers the seconds taken.
     */
    private static double seed(String url, String user, String password, int events) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO ticket_command");
            }
            String types = "ARRAY['" + String.join("','", SCRIPT) + "']";
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT 'bench-' || i, 'B-' || (i / 10000 * 1000 + i %% 1000), i %% 10000 / 1000, 'Ticket',
                           to_char((TIMESTAMPTZ '2025-01-01T00:00:00Z' + i * INTERVAL '6 seconds') AT TIME ZONE 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                           ? || (%s)[i %% 10000 / 1000 + 1], '1',
                           convert_to('{"ticketId":"B-' || (i / 10000 * 1000 + i %% 1000) || '","subject":"Bench'
                               || ' ticket","body":"The printer on the third floor prints every page twice since Monday",'
                               || '"assignee":"alice","priority":"NORMAL"}', 'UTF8'),
                           convert_to('{"actor":"alice","actorRole":"AGENT","source":"API","correlationId":"'
                               || md5(i::TEXT) || '","causationId":"' || md5((i + 1)::TEXT) || '","requestId":"'
                               || md5((i + 2)::TEXT) || '"}', 'UTF8')
                    FROM generate_series(?::BIGINT, ?::BIGINT) AS i ORDER BY i""".formatted(types))) {
                for (long from = 0; from < events; from += SEED_BATCH) {
                    long to = Math.min(events, from + SEED_BATCH) - 1;
                    insert.setString(1, EVENTS);
                    insert.setLong(2, from);
                    insert.setLong(3, to);
                    insert.executeUpdate();
                    connection.commit();
                    say(String.format("  %d events seeded", to + 1));
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE outbox_cursor SET position = (SELECT max(global_index)"
                        + " FROM domain_event_entry), updated_at = now()");
                statement.executeUpdate("ANALYZE domain_event_entry");
            }
            connection.commit();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static JsonNode verify(EdgeClient admin) throws Exception {
        EdgeClient.Answer started = admin.post("/api/audit/verify", "");
        if (started.status() != 202) {
            throw new BenchmarkException("verification refused: " + started.status() + " " + started.body(), null);
        }
        String id = started.id();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = JSON.readTree(admin.get("/api/audit/verify/" + id).body());
            String state = job.path("state").asText();
            if ("DONE".equals(state)) {
                return job;
            }
            if ("FAILED".equals(state)) {
                throw new BenchmarkException("the verification job failed: " + job, null);
            }
            Thread.sleep(1000);
        }
        throw new BenchmarkException("the verification job did not finish within an hour", null);
    }

    /**
     * Streams every event's canonical bytes and stored hash and compares their SHA-256: answers {events, seconds in
     * the digest alone, seconds in all}.
     */
    private static double[] hashBaseline(String url, String user, String password) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long events = 0;
        long digestNanos = 0;
        long mismatches = 0;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO ticket_command");
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery("""
                        SELECT audit_canonical_bytes(type, aggregate_identifier, sequence_number + 1, event_identifier,
                                   time_stamp, payload_type, payload_revision, payload, meta_data, previous_hash),
                               event_hash
                        FROM domain_event_entry""")) {
                    while (rows.next()) {
                        byte[] canonical = rows.getBytes(1);
                        byte[] stored = rows.getBytes(2);
                        long before = System.nanoTime();
                        byte[] hash = sha256.digest(canonical);
                        digestNanos += System.nanoTime() - before;
                        if (!Arrays.equals(hash, stored)) {
                            mismatches++;
                        }
                        events++;
                    }
                }
            }
            connection.commit();
        }
        long total = System.nanoTime() - start;
        if (mismatches > 0) {
            say("  baseline: " + mismatches + " stored hashes differ from the SHA-256 of their canonical bytes");
        }
        return new double[] {events, digestNanos / 1e9, total / 1e9};
    }

    /**
     * The statement the whole-store verification streams (ticket-command's {@code ChainStore.forEachStream}): every
     * column of every event, stream by stream in version order, in one read-only snapshot; answers the seconds.
     */
    private static double verifierRead(String url, String user, String password) throws SQLException {
        long start = System.nanoTime();
        long bytes = 0;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO ticket_command");
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery("""
                        SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                               payload_type, payload_revision, payload, meta_data, previous_hash, event_hash
                        FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""")) {
                    while (rows.next()) {
                        rows.getLong(1);
                        for (int column : new int[] {2, 3, 5, 6, 7, 8}) {
                            String text = rows.getString(column);
                            bytes += text == null ? 0 : text.length();
                        }
                        rows.getLong(4);
                        for (int column = 9; column <= 12; column++) {
                            byte[] value = rows.getBytes(column);
                            bytes += value == null ? 0 : value.length;
                        }
                    }
                }
            }
            connection.commit();
        }
        say(String.format("  read %.0f MB", bytes / 1e6));
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * One event per transaction into the event table (with the trigger) and into a scratch copy of it without the
     * trigger (same columns, defaults and indexes), alternating so that both meet the same machine load; answers
     * {p50, p95, mean} in milliseconds for each.
     */
    private static double[][] appends(String url, String user, String password, int count) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO ticket_command");
                statement.execute("DROP TABLE IF EXISTS bench_unchained_event");
                statement.execute("CREATE TABLE bench_unchained_event (LIKE domain_event_entry INCLUDING ALL)");
            }
            String sql = """
                    INSERT INTO %s (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                        payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, 'AuditBench', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '1',
                        ?, ?)""";
            long[] chained = new long[count];
            long[] plain = new long[count];
            try (PreparedStatement withChain = connection.prepareStatement(sql.formatted("domain_event_entry"));
                    PreparedStatement without = connection.prepareStatement(sql.formatted("bench_unchained_event"))) {
                for (int i = 0; i < count; i++) {
                    chained[i] = append(withChain, i);
                    plain[i] = append(without, i);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_unchained_event");
            }
            return new double[][] {summary(chained), summary(plain)};
        }
    }

    /** Twenty streams of the append benchmark, each growing by one event per append. */
    private static long append(PreparedStatement insert, int i) throws SQLException {
        String stream = "audit-bench-" + i % 20;
        insert.setString(1, stream + "-" + i / 20);
        insert.setString(2, stream);
        insert.setLong(3, i / 20);
        insert.setString(4, Instant.parse("2026-01-01T00:00:00Z").plusMillis(i).toString());
        insert.setBytes(
                5,
                ("{\"ticketId\":\"" + stream + "\",\"body\":\"Checked the cabling, swapped the toner\"}")
                        .getBytes(StandardCharsets.UTF_8));
        insert.setBytes(
                6,
                "{\"actor\":\"alice\",\"actorRole\":\"AGENT\",\"source\":\"API\",\"correlationId\":\"c\"}"
                        .getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        insert.executeUpdate();
        return System.nanoTime() - start;
    }

    /** Internal notes on a few tickets of alice's, one after the other: {p50, p95, mean} ms. */
    private static double[] commands(EdgeClient alice, int count) throws Exception {
        List<String> tickets = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            EdgeClient.Answer opened = alice.post(
                    "/api/tickets",
                    "{\"subject\":\"Audit bench " + t + "\",\"description\":\"Printer prints twice\","
                            + "\"channel\":\"PHONE\",\"priority\":\"NORMAL\","
                            + "\"requester\":{\"name\":\"Customer " + t + "\",\"email\":\"c" + t + "@example.com\"}}");
            if (opened.status() != 201) {
                throw new BenchmarkException("open answered " + opened.status() + ": " + opened.body(), null);
            }
            tickets.add(opened.id());
        }
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            EdgeClient.Answer noted = alice.post(
                    "/api/tickets/" + tickets.get(i % tickets.size()) + "/replies",
                    "{\"visibility\":\"INTERNAL\",\"body\":\"Checked the cabling, swapped the toner\"}");
            latencies[i] = System.nanoTime() - start;
            if (noted.status() != 200) {
                throw new BenchmarkException("note answered " + noted.status() + ": " + noted.body(), null);
            }
        }
        return summary(latencies);
    }

    private static double[] summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new double[] {
            sorted[sorted.length / 2] / 1e6,
            sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.95)] / 1e6,
            mean / 1e6
        };
    }

    /** A row of the table, also printed at once, so that a run cut short still shows what it measured. */
    private static String[] row(String... cells) {
        say(String.join(" | ", cells));
        return cells;
    }

    private static void say(String message) {
        System.out.println("[bench] " + message);
    }
}
