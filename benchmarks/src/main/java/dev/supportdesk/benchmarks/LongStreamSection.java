package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A command on a ticket with a long stream against one on a fresh ticket: {@code --stream-events} internal notes
 * are written straight into the event store behind one ticket (as if agents had added them), the read model is
 * let catch up, then one client sends internal notes to both tickets in turn. Without snapshots every command
 * on the long ticket reads its whole stream first.
 */
final class LongStreamSection {

    private static final int WARMUP = 5;
    private static final int REPEATS = 40;
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private final LocalPlatform platform;
    private final EdgeClient client;
    private final Settings settings;

    LongStreamSection(LocalPlatform platform, EdgeClient client, Settings settings) {
        this.platform = platform;
        this.client = client;
        this.settings = settings;
    }

    void run(Report report) {
        try {
            String fresh = open("fresh");
            String longer = open("long");
            Benchmark.say("Long stream: seeding " + settings.streamEvents() + " events behind ticket " + longer);
            long version = seed(longer, settings.streamEvents());
            awaitVersion(longer, version);
            Samples onFresh = new Samples("fresh ticket");
            Samples onLong = new Samples("ticket with " + settings.streamEvents() + " events");
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                note(fresh, i < WARMUP ? null : onFresh);
                note(longer, i < WARMUP ? null : onLong);
            }
            TextTable table = new TextTable(
                    "command (internal note), 1 client", "count", "p50 ms", "p95 ms", "max ms", "p50 ÷ fresh");
            for (Samples samples : new Samples[] {onFresh, onLong}) {
                table.row(
                        samples.name(),
                        String.valueOf(samples.count()),
                        Report.millis(samples.percentileMillis(50)),
                        Report.millis(samples.percentileMillis(95)),
                        Report.millis(samples.percentileMillis(100)),
                        Report.ratio(samples.percentileMillis(50), onFresh.percentileMillis(50)));
            }
            report.section(
                    "Long streams: a command on a ticket with " + settings.streamEvents()
                            + " events against a fresh one (" + WARMUP + " warm-up commands each, not counted)",
                    table);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("Interrupted in the long-stream section");
        } catch (Exception e) {
            throw new BenchmarkException("The long-stream section failed: " + e.getMessage(), e);
        }
    }

    private String open(String label) throws Exception {
        EdgeClient.Answer opened = client.post("/api/tickets", PlatformLoad.openBody("stream-" + label, 1));
        if (opened.status() != 201) {
            throw new BenchmarkException("open answered " + opened.status() + ": " + opened.body());
        }
        return opened.id();
    }

    private void note(String ticket, Samples samples) throws Exception {
        long start = System.nanoTime();
        EdgeClient.Answer answer = client.post(
                "/api/tickets/" + ticket + "/replies",
                "{\"visibility\":\"INTERNAL\",\"body\":\"Checked the logs again.\"}");
        long elapsed = System.nanoTime() - start;
        if (samples == null) {
            return;
        }
        if (answer.status() == 200) {
            samples.add(elapsed);
        } else {
            samples.fail("HTTP " + answer.status() + " " + PlatformLoad.abbreviate(answer.body()));
        }
    }

    /** Appends {@code events} internal notes to the ticket's stream in one transaction; answers its new version. */
    private long seed(String ticket, int events) throws SQLException {
        try (Connection db =
                DriverManager.getConnection(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword())) {
            db.setSchema("ticket_command");
            long next;
            try (PreparedStatement count =
                    db.prepareStatement("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                count.setString(1, ticket);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    next = rows.getLong(1);
                }
            }
            db.setAutoCommit(false);
            byte[] metadata = ("{\"actor\":\"alice\",\"actorRole\":\"AGENT\",\"correlationId\":\"bench\","
                            + "\"causationId\":\"bench\"}")
                    .getBytes(StandardCharsets.UTF_8);
            Instant at = Instant.now();
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, 'Ticket', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '1', ?, ?)""")) {
                for (int i = 0; i < events; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, ticket);
                    insert.setLong(3, next + i);
                    insert.setString(4, at.plusMillis(i).toString());
                    insert.setBytes(
                            5,
                            ("{\"ticketId\":\"" + ticket + "\",\"body\":\"Seeded note " + i + "\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(6, metadata);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            return next + events;
        }
    }

    /** Waits until the read model shows the ticket at {@code version}: the outbox and the projection are idle again. */
    private void awaitVersion(String ticket, long version) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            EdgeClient.Answer answer = client.get("/api/tickets/" + ticket + "?minVersion=" + version);
            if (answer.status() == 200) {
                return;
            }
        }
        throw new BenchmarkException("the read model did not reach version " + version + " of " + ticket + " in "
                + CATCH_UP.toMinutes() + " minutes");
    }
}
