package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The queue's first page over a large read model: {@code --queue-tickets} rows are written straight into
 * ticket-query's table (one INSERT ... SELECT over generate_series, spread over statuses, priorities, channels,
 * assignees, groups, tags and SLA states), then one client asks for the first page of every filter and sort of
 * the API. Times are through the edge, so they bound the server's time from above; the trivial request beside
 * them is the HTTP stack's share.
 */
final class QueueSection {

    private static final int WARMUP = 3;
    private static final int REPEATS = 15;

    /** Every filter and sort of {@code GET /api/tickets} (docs/api.md), and an agent's usual combination. */
    static final List<String> QUERIES = List.of(
            "",
            "sort=-updatedAt",
            "sort=-priority",
            "status=OPEN",
            "status=NEW,OPEN,PENDING",
            "assignee=me",
            "assignee=none",
            "assignee=bob",
            "group=tier2",
            "priority=URGENT",
            "channel=EMAIL",
            "tag=topic-7",
            "q=customer4711",
            "sla=AT_RISK",
            "sla=BREACHED",
            "status=OPEN,PENDING&assignee=me&sort=-priority",
            "status=NEW&assignee=none&sort=dueAt",
            "group=tier1&status=OPEN&sort=-updatedAt");

    private final LocalPlatform platform;
    private final EdgeClient client;
    private final Settings settings;

    QueueSection(LocalPlatform platform, EdgeClient client, Settings settings) {
        this.platform = platform;
        this.client = client;
        this.settings = settings;
    }

    void run(Report report) {
        try {
            Benchmark.say("Queue: seeding " + settings.queueTickets() + " tickets into the read model");
            long start = System.nanoTime();
            seed(settings.queueTickets());
            report.note(String.format(
                    Locale.ROOT,
                    "queue section: %d read-model rows seeded in %.1f s",
                    settings.queueTickets(),
                    (System.nanoTime() - start) / 1e9));
            TextTable table = new TextTable("GET /api/tickets?...", "total", "p50 ms", "p95 ms", "max ms");
            table.row(time("GET /api/users (the HTTP stack, for scale)", "/api/users"));
            for (String query : QUERIES) {
                table.row(time(
                        query.isEmpty() ? "(no filter, default sort dueAt)" : query, "/api/tickets?size=25&" + query));
            }
            report.section(
                    "Queue: the first page (25) over " + settings.queueTickets()
                            + " tickets in the read model, 1 client through the edge (" + REPEATS + " times each after "
                            + WARMUP + ")",
                    table);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("Interrupted in the queue section");
        } catch (Exception e) {
            throw new BenchmarkException("The queue section failed: " + e.getMessage(), e);
        }
    }

    private String[] time(String label, String path) throws Exception {
        Samples samples = new Samples(label);
        String total = "-";
        for (int i = 0; i < WARMUP + REPEATS; i++) {
            long start = System.nanoTime();
            EdgeClient.Answer answer = client.get(path);
            long elapsed = System.nanoTime() - start;
            if (answer.status() != 200) {
                throw new BenchmarkException(path + " answered " + answer.status() + ": " + answer.body());
            }
            if (i >= WARMUP) {
                samples.add(elapsed);
            }
            int at = answer.body().lastIndexOf("\"total\":");
            if (at >= 0) {
                total = answer.body().substring(at + 8).replaceAll("[^0-9].*$", "");
            }
        }
        return new String[] {
            label,
            total,
            Report.millis(samples.percentileMillis(50)),
            Report.millis(samples.percentileMillis(95)),
            Report.millis(samples.percentileMillis(100))
        };
    }

    private void seed(int tickets) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
                Statement statement = db.createStatement()) {
            statement.execute(seedSql(tickets));
            // What autovacuum does within a minute of a load this size (it also runs after inserts): statistics
            // for the planner, and the visibility map, which lets a count read an index without the table.
            statement.execute("VACUUM (ANALYZE) ticket_query.ticket");
        }
    }

    /** Statuses, priorities, assignees, groups and SLA states in fixed proportions; a third of the rows are done. */
    static String seedSql(int tickets) {
        return """
                INSERT INTO ticket_query.ticket (id, version, subject, description, status, priority, priority_rank,
                    channel, assignee, group_name, requester_name, requester_email, customer_tier, tags, created_at,
                    updated_at, sla_policy, sla_state, due_at, first_response_due_at, sla_clocks)
                SELECT 'Q-' || n, 3, 'Printer error E' || (100 + n % 50) || ' on floor ' || (n % 12),
                    'Customer reports that the printer shows an error after the driver update (' || n || ').',
                    (ARRAY['NEW','OPEN','OPEN','PENDING','RESOLVED','CLOSED','CLOSED','CLOSED'])[1 + n % 8],
                    (ARRAY['LOW','NORMAL','NORMAL','HIGH','URGENT'])[1 + n % 5],
                    (ARRAY[0,1,1,2,3])[1 + n % 5],
                    (ARRAY['PHONE','EMAIL','CHAT','WEB','MESSENGER','API'])[1 + n % 6],
                    (ARRAY['alice','bob','tina','sam',NULL,NULL,NULL])[1 + n % 7],
                    (ARRAY['tier1','tier2',NULL])[1 + n % 3],
                    'Customer ' || n, 'customer' || n || '@example.com', 'STANDARD',
                    ARRAY['bench', 'topic-' || (n % 50)],
                    now() - n * interval '1 minute', now() - n * interval '30 seconds', 'standard',
                    CASE WHEN n % 8 >= 4 THEN 'MET'
                         ELSE (ARRAY['ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK','AT_RISK','BREACHED'])[1 + n % 7]
                    END,
                    CASE WHEN n % 8 >= 4 THEN NULL ELSE now() + (n % 5000) * interval '1 minute' END,
                    CASE WHEN n % 8 >= 4 THEN NULL ELSE now() + (n % 5000) * interval '1 minute' END,
                    '{}'::jsonb
                FROM generate_series(1, TICKETS) AS n
                ON CONFLICT (id) DO NOTHING""".replace("TICKETS", Integer.toString(tickets));
    }
}
