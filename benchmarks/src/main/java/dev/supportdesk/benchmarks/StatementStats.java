package dev.supportdesk.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What PostgreSQL executed during one phase, from {@code pg_stat_statements} (the profile section starts the
 * server with it preloaded): a reading before and one after, and the statements called most often in between,
 * with their calls and execution time per operation. It reads as the server's superuser {@code postgres}, which
 * the embedded server trusts on loopback, because creating the extension needs it.
 */
final class StatementStats {

    private static final int TOP = 25;

    /** One statement's counters: its normalised text, calls, execution milliseconds and rows. */
    record Counters(String query, long calls, double totalMillis, long rows) {}

    private final String url;

    StatementStats(String jdbcUrl) {
        this.url = jdbcUrl;
    }

    /** The counters so far, by statement; created on first use. */
    Map<Long, Counters> reading() {
        Map<Long, Counters> reading = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rows =
                    statement.executeQuery("SELECT queryid, query, calls, total_exec_time, rows FROM pg_stat_statements"
                            + " WHERE queryid IS NOT NULL")) {
                while (rows.next()) {
                    reading.put(
                            rows.getLong(1),
                            new Counters(rows.getString(2), rows.getLong(3), rows.getDouble(4), rows.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new BenchmarkException("pg_stat_statements could not be read: " + e.getMessage(), e);
        }
        return reading;
    }

    /** The statements called most often between two readings, per counted operation. */
    TextTable between(Map<Long, Counters> before, Map<Long, Counters> after, long operations) {
        List<Counters> deltas = new ArrayList<>();
        double allMillis = 0;
        long allCalls = 0;
        for (Map.Entry<Long, Counters> entry : after.entrySet()) {
            Counters now = entry.getValue();
            Counters then = before.get(entry.getKey());
            Counters delta = then == null
                    ? now
                    : new Counters(
                            now.query(),
                            now.calls() - then.calls(),
                            now.totalMillis() - then.totalMillis(),
                            now.rows() - then.rows());
            if (delta.calls() > 0) {
                deltas.add(delta);
                allMillis += delta.totalMillis();
                allCalls += delta.calls();
            }
        }
        // By calls: each statement costs the server a round of parse, bind, execute and protocol work, and on a
        // busy machine the execution times also hold the time a backend waited for a core.
        deltas.sort((a, b) -> Long.compare(b.calls(), a.calls()));
        double perOperation = Math.max(1, operations);
        TextTable table = new TextTable("statement", "calls per op", "exec ms per op", "share of exec time");
        table.row(
                "all statements (" + deltas.size() + " kinds)",
                String.format(Locale.ROOT, "%.1f", allCalls / perOperation),
                String.format(Locale.ROOT, "%.2f", allMillis / perOperation),
                "100 %");
        for (Counters delta : deltas.subList(0, Math.min(TOP, deltas.size()))) {
            table.row(
                    shorten(delta.query()),
                    String.format(Locale.ROOT, "%.2f", delta.calls() / perOperation),
                    String.format(Locale.ROOT, "%.3f", delta.totalMillis() / perOperation),
                    String.format(Locale.ROOT, "%.1f %%", allMillis == 0 ? 0 : 100 * delta.totalMillis() / allMillis));
        }
        return table;
    }

    private static String shorten(String query) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 110 ? oneLine : oneLine.substring(0, 107) + "...";
    }
}
