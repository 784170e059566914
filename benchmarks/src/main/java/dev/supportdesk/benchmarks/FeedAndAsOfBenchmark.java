package dev.supportdesk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The event store's reads for analysts, measured through the edge beside a plain {@code SELECT} of the same rows
 * in the same run: {@code GET /api/tickets/{id}/as-of} on a ticket with 10,000 events, and paging
 * {@code GET /api/events} 5,000 events a page (JSON and NDJSON). The events are seeded directly into the store.
 * Not a test: nothing here asserts. Run after a build:
 * {@code java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" dev.supportdesk.benchmarks.FeedAndAsOfBenchmark}
 */
public final class FeedAndAsOfBenchmark {

    private static final int TICKET_EVENTS = 10_000;
    private static final int FEED_EVENTS = 100_000;
    private static final int PAGE = 5_000;
    private static final int AS_OF_RUNS = 20;
    /** Calls before the measured ones, so the JIT compiler has compiled the paths they take. */
    private static final int WARM_UP_RUNS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedAndAsOfBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("PLATFORM_ROOT", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/history-bench-data");
        BenchData.wipe(data);
        try (LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(root)
                .dataDirectory(data)
                .randomPorts()
                .serviceJvmOptions(Settings.serviceJvmOptions(System.getenv()))
                .build()) {
            // Stopped on Ctrl-C or SIGTERM too, not only when the run ends.
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "history-bench-shutdown"));
            platform.start();
            String edge = "http://127.0.0.1:" + platform.port(Service.EDGE);
            // The service itself, past the edge: the difference is what the proxy adds to a 1 MB answer.
            String command = "http://127.0.0.1:" + platform.port(Service.TICKET_COMMAND);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String ticket = open(http, edge);
            try (Connection db = DriverManager.getConnection(
                    platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword())) {
                db.setSchema("ticket_command");
                say("Seeding " + TICKET_EVENTS + " events of ticket " + ticket + " and " + FEED_EVENTS
                        + " events of other streams into the store");
                Instant seededUpTo = seed(db, ticket);
                String at = seededUpTo.toString();
                // The outbox publishes the seeded events and every consumer reads them: measured while they do,
                // the reads below would share the two cores with that work.
                awaitConsumers(http, edge, count(db));

                List<Double> asOf = new ArrayList<>();
                List<Double> asOfDirect = new ArrayList<>();
                List<Double> select = new ArrayList<>();
                for (int run = 0; run < WARM_UP_RUNS + AS_OF_RUNS; run++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = send(http, edge + "/api/tickets/" + ticket + "/as-of?at=" + at, null);
                    long t1 = System.nanoTime();
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("as-of answered " + answer.statusCode() + ": " + answer.body());
                    }
                    long rows = selectStream(db, ticket);
                    long t2 = System.nanoTime();
                    HttpResponse<String> direct =
                            send(http, command + "/api/tickets/" + ticket + "/as-of?at=" + at, null);
                    long t3 = System.nanoTime();
                    if (direct.statusCode() != 200 || !direct.body().equals(answer.body())) {
                        throw new IllegalStateException("as-of from ticket-command itself answered "
                                + direct.statusCode() + ", not what the edge passed on");
                    }
                    if (run >= WARM_UP_RUNS) {
                        asOf.add((t1 - t0) / 1e6);
                        select.add((t2 - t1) / 1e6);
                        asOfDirect.add((t3 - t2) / 1e6);
                    }
                    if (rows < TICKET_EVENTS) {
                        throw new IllegalStateException("the ticket has " + rows + " events");
                    }
                }

                long total = count(db);
                double[] json = pageFeed(http, edge, "application/json", total);
                double[] ndjson = pageFeed(http, edge, "application/x-ndjson", total);
                double[] plain = pageSelect(db, total);

                System.out.println();
                System.out.println("| measurement | platform | baseline (plain SELECT, same rows) |");
                System.out.println("| --- | --- | --- |");
                System.out.printf(
                        Locale.ROOT,
                        "| as-of, ticket with %,d events (median of %d; p95) | %.0f ms; %.0f ms | %.0f ms; %.0f ms |%n",
                        TICKET_EVENTS + 3,
                        AS_OF_RUNS,
                        percentile(asOf, 50),
                        percentile(asOf, 95),
                        percentile(select, 50),
                        percentile(select, 95));
                System.out.printf(
                        Locale.ROOT,
                        "| as-of, the same, from ticket-command itself (not through the edge) | %.0f ms; %.0f ms"
                                + " | %.0f ms; %.0f ms |%n",
                        percentile(asOfDirect, 50),
                        percentile(asOfDirect, 95),
                        percentile(select, 50),
                        percentile(select, 95));
                System.out.printf(
                        Locale.ROOT,
                        "| feed, %,d events, %,d a page, JSON | %,.0f events/s | %,.0f events/s |%n",
                        (long) json[0],
                        PAGE,
                        json[0] / json[1],
                        plain[0] / plain[1]);
                System.out.printf(
                        Locale.ROOT,
                        "| feed, %,d events, %,d a page, NDJSON | %,.0f events/s | %,.0f events/s |%n",
                        (long) ndjson[0],
                        PAGE,
                        ndjson[0] / ndjson[1],
                        plain[0] / plain[1]);
            }
        }
    }

    private static String open(HttpClient http, String edge) throws Exception {
        HttpResponse<String> opened = send(
                http,
                edge + "/api/tickets",
                "{\"subject\":\"Ten thousand notes\",\"channel\":\"PHONE\",\"requester\":{\"name\":\"Ann\"}}");
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("open answered " + opened.statusCode() + ": " + opened.body());
        }
        return JSON.readTree(opened.body()).get("id").asText();
    }

    /** Notes on the ticket after its opening events, then other streams' events; answers the last instant. */
    private static Instant seed(Connection db, String ticket) throws SQLException {
        long first;
        try (PreparedStatement next =
                db.prepareStatement("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            next.setString(1, ticket);
            try (ResultSet rows = next.executeQuery()) {
                rows.next();
                first = rows.getLong(1);
            }
        }
        Instant at = Instant.now();
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)""")) {
            String metadata = "{\"actor\":\"alice\",\"actorRole\":\"AGENT\",\"correlationId\":\"bench\","
                    + "\"causationId\":\"bench\"}";
            for (int i = 0; i < TICKET_EVENTS; i++) {
                at = at.plusMillis(1);
                add(
                        insert,
                        ticket,
                        first + i,
                        "Ticket",
                        at,
                        "dev.supportdesk.contract.events.InternalNoteAddedEvent",
                        "{\"ticketId\":\"" + ticket + "\",\"body\":\"note " + i + "\"}",
                        metadata);
            }
            for (int i = 0; i < FEED_EVENTS; i++) {
                at = at.plusMillis(1);
                add(
                        insert,
                        "bench-stream-" + (i % 1000),
                        i / 1000,
                        "BenchStream",
                        at,
                        "dev.supportdesk.bench.Seeded",
                        "{\"n\":" + i + "}",
                        metadata);
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        return at;
    }

    private static void add(
            PreparedStatement insert,
            String stream,
            long sequence,
            String type,
            Instant at,
            String payloadType,
            String payload,
            String metadata)
            throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, stream);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, at.toString());
        insert.setString(6, payloadType);
        insert.setBytes(7, payload.getBytes(StandardCharsets.UTF_8));
        insert.setBytes(8, metadata.getBytes(StandardCharsets.UTF_8));
        insert.addBatch();
        if (sequence % 1000 == 999) {
            insert.executeBatch();
        }
    }

    /** Until every consumer of the topic (read models, SLA monitor) has read as many records as the store holds. */
    private static void awaitConsumers(HttpClient http, String edge, long events) throws Exception {
        say("Waiting for every consumer to read the " + events + " events");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = send(http, edge + "/api/admin/projections", null);
            if (answer.statusCode() == 200) {
                JsonNode items = JSON.readTree(answer.body()).path("items");
                boolean caughtUp = items.size() > 0;
                for (JsonNode item : items) {
                    caughtUp &= item.path("position").asLong() >= events
                            && item.path("lag").asLong(1) == 0;
                }
                if (caughtUp) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the consumers did not read the seeded events within 15 minutes");
    }

    private static long selectStream(Connection db, String ticket) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT sequence_number, time_stamp, payload_type, payload, meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, ticket);
            long rows = 0;
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    result.getBytes("payload");
                    rows++;
                }
            }
            return rows;
        }
    }

    private static long count(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT count(*) FROM domain_event_entry");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Pages the whole feed; answers {events, seconds}. */
    private static double[] pageFeed(HttpClient http, String edge, String accept, long total) throws Exception {
        long after = 0;
        long events = 0;
        int empty = 0; // pages that stopped at the horizon with nothing new: asked again, and counted in the time
        long t0 = System.nanoTime();
        while (events < total) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(edge + "/api/events?after=" + after + "&limit=" + PAGE))
                    .header("Authorization", basic("ana"))
                    .header("Accept", accept)
                    .timeout(Duration.ofSeconds(60))
                    .build();
            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the feed answered " + answer.statusCode());
            }
            long next = Long.parseLong(answer.headers().firstValue("Feed-Next").orElseThrow());
            try (InputStream body = answer.body()) {
                if (accept.equals("application/json")) {
                    events += JSON.readTree(body).get("items").size();
                } else {
                    events += new String(body.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .count();
                }
            }
            if (next == after && ++empty > 1_000) {
                throw new IllegalStateException("the feed served nothing after " + after + " a thousand times");
            }
            after = next;
        }
        return new double[] {events, (System.nanoTime() - t0) / 1e9};
    }

    private static double[] pageSelect(Connection db, long total) throws SQLException {
        long after = 0;
        long events = 0;
        long t0 = System.nanoTime();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                        + " payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                        + " WHERE global_index > ? ORDER BY global_index LIMIT ?")) {
            while (events < total) {
                select.setLong(1, after);
                select.setInt(2, PAGE);
                int rows = 0;
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        after = result.getLong(1);
                        result.getBytes("payload");
                        result.getBytes("meta_data");
                        rows++;
                    }
                }
                if (rows == 0) {
                    break;
                }
                events += rows;
            }
        }
        return new double[] {events, (System.nanoTime() - t0) / 1e9};
    }

    private static HttpResponse<String> send(HttpClient http, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(body == null ? "ana" : "alice"))
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void say(String line) {
        System.out.println("[history-bench] " + line);
    }
}
