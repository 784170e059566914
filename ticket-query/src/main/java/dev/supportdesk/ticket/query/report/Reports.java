package dev.supportdesk.ticket.query.report;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports, aggregated by PostgreSQL over the report projection's facts: each query reads the rows of its window
 * through an index and answers one row per group or bucket. Buckets are assigned with {@code width_bucket} over the
 * boundaries {@link ReportWindow#bounds()} computed in the report's zone.
 */
@Repository
class Reports {

    /** groupBy of the SLA report and the column it groups by. */
    static final Map<String, String> SLA_GROUPS = Map.of(
            "priority", "priority",
            "channel", "channel",
            "tier", "customer_tier",
            "assignee", "assignee",
            "group", "group_name");

    static final List<String> SLA_GROUP_NAMES = List.of("priority", "channel", "tier", "assignee", "group");
    static final List<String> VOLUME_GROUP_NAMES = List.of("channel", "priority");

    record SlaRow(
            String key,
            long tickets,
            long firstResponseMet,
            long firstResponseBreached,
            long resolutionMet,
            long resolutionBreached,
            Double compliancePct,
            Double firstResponseMinutesP50,
            Double firstResponseMinutesP90,
            Double resolutionMinutesP50,
            Double resolutionMinutesP90) {}

    record VolumeRow(Instant start, Instant end, String key, long opened, long resolved) {}

    record BacklogRow(Instant start, Instant end, long backlog) {}

    /**
     * The bucket boundaries, parsed once per query: a cast of the text parameter inside the row expression is only
     * stable (it depends on the session's time zone), so PostgreSQL would parse the whole array again for every row.
     */
    private static final String BOUNDS = "WITH b AS MATERIALIZED (SELECT CAST(? AS timestamptz[]) AS bounds) ";

    private final JdbcTemplate jdbc;

    Reports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Tickets opened in the window, grouped; compliance over the first response and resolution outcomes. */
    @Transactional(readOnly = true)
    public List<SlaRow> sla(ReportWindow window, String groupBy) {
        String column = SLA_GROUPS.get(groupBy);
        return jdbc.query(
                "SELECT " + column + " AS key, count(*) AS tickets,"
                        + " count(*) FILTER (WHERE first_response_outcome = 'MET') AS fr_met,"
                        + " count(*) FILTER (WHERE first_response_outcome = 'BREACHED') AS fr_breached,"
                        + " count(*) FILTER (WHERE resolution_outcome = 'MET') AS res_met,"
                        + " count(*) FILTER (WHERE resolution_outcome = 'BREACHED') AS res_breached,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_minutes) AS fr_p50,"
                        + " percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_minutes) AS fr_p90,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_minutes) AS res_p50,"
                        + " percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_minutes) AS res_p90"
                        + " FROM report_ticket WHERE opened_at >= ? AND opened_at < ?"
                        + " GROUP BY " + column + " ORDER BY " + column + " NULLS LAST",
                Reports::slaRow,
                window.from().atOffset(ZoneOffset.UTC),
                window.to().atOffset(ZoneOffset.UTC));
    }

    /**
     * Per bucket (and key): tickets opened in it, and resolutions that happened in it, both within the window.
     * With a groupBy every bucket lists every key, zeros included, so that a chart's series have no holes.
     */
    @Transactional(readOnly = true)
    public List<VolumeRow> volume(ReportWindow window, String groupBy) {
        List<Instant> bounds = window.bounds();
        String key = groupBy == null ? "NULL" : "t." + groupBy;
        Map<String, long[]> opened = counts(
                BOUNDS + "SELECT width_bucket(t.opened_at, b.bounds) AS bucket, " + key + " AS key, count(*)"
                        + " FROM report_ticket t, b WHERE t.opened_at >= ? AND t.opened_at < ? GROUP BY 1, 2",
                window,
                bounds);
        Map<String, long[]> resolved = counts(
                BOUNDS + "SELECT width_bucket(s.ended_at, b.bounds) AS bucket, " + key + " AS key, count(*)"
                        + " FROM b, report_open_span s JOIN report_ticket t ON t.ticket_id = s.ticket_id"
                        + " WHERE s.end_kind = 'RESOLVED' AND s.ended_at >= ? AND s.ended_at < ? GROUP BY 1, 2",
                window,
                bounds);
        List<String> keys = groupBy == null
                ? Arrays.asList((String) null)
                : (groupBy.equals("channel") ? Arrays.stream(Channel.values()) : Arrays.stream(Priority.values()))
                        .map(Enum::name)
                        .toList();
        List<VolumeRow> rows = new ArrayList<>();
        for (int b = 0; b < bounds.size() - 1; b++) {
            for (String k : keys) {
                long[] o = opened.get(k == null ? "" : k);
                long[] r = resolved.get(k == null ? "" : k);
                rows.add(new VolumeRow(
                        bounds.get(b), bounds.get(b + 1), k, o == null ? 0 : o[b + 1], r == null ? 0 : r[b + 1]));
            }
        }
        return rows;
    }

    /**
     * Per bucket: the tickets not resolved at its end (the last one's end cut at {@code to}), whenever they were
     * opened. One pass over the spans: the ones started before each end minus the ones ended before it, summed up
     * bucket by bucket, never one count per bucket.
     */
    @Transactional(readOnly = true)
    public List<BacklogRow> backlog(ReportWindow window) {
        List<Instant> bounds = window.bounds();
        List<Instant> ends = new ArrayList<>(bounds.subList(1, bounds.size()));
        if (ends.get(ends.size() - 1).isAfter(window.to())) {
            ends.set(ends.size() - 1, window.to());
        }
        String array = array(ends);
        Instant last = ends.get(ends.size() - 1);
        // width_bucket(x, ends) = i means ends[i] <= x < ends[i + 1] (0: before the first end); a span started at x
        // is open at ends[j] for every j > i, so it counts from bucket i + 1 on.
        long[] started = perBucket(
                BOUNDS + "SELECT width_bucket(started_at, b.bounds), count(*) FROM report_open_span, b"
                        + " WHERE started_at < ? GROUP BY 1",
                array,
                last,
                ends.size());
        long[] ended = perBucket(
                BOUNDS + "SELECT width_bucket(ended_at, b.bounds), count(*) FROM report_open_span, b"
                        + " WHERE ended_at IS NOT NULL AND ended_at < ? GROUP BY 1",
                array,
                last,
                ends.size());
        List<BacklogRow> rows = new ArrayList<>();
        long open = 0;
        for (int j = 0; j < ends.size(); j++) {
            open += started[j] - ended[j];
            rows.add(new BacklogRow(bounds.get(j), ends.get(j), open));
        }
        return rows;
    }

    private long[] perBucket(String sql, String array, Instant last, int size) {
        long[] counts = new long[size + 1];
        jdbc.query(
                sql,
                rs -> {
                    counts[rs.getInt(1)] += rs.getLong(2);
                },
                array,
                last.atOffset(ZoneOffset.UTC));
        return counts;
    }

    /** key ("" for none) to counts indexed by bucket number (1 = the first bucket). */
    private Map<String, long[]> counts(String sql, ReportWindow window, List<Instant> bounds) {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.query(
                sql,
                rs -> {
                    String key = rs.getString(2);
                    counts.computeIfAbsent(key == null ? "" : key, k -> new long[bounds.size() + 1])[rs.getInt(1)] +=
                            rs.getLong(3);
                },
                array(bounds),
                window.from().atOffset(ZoneOffset.UTC),
                window.to().atOffset(ZoneOffset.UTC));
        return counts;
    }

    private static String array(List<Instant> instants) {
        return instants.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static SlaRow slaRow(ResultSet rs, int row) throws SQLException {
        long met = rs.getLong("fr_met") + rs.getLong("res_met");
        long breached = rs.getLong("fr_breached") + rs.getLong("res_breached");
        return new SlaRow(
                rs.getString("key"),
                rs.getLong("tickets"),
                rs.getLong("fr_met"),
                rs.getLong("fr_breached"),
                rs.getLong("res_met"),
                rs.getLong("res_breached"),
                met + breached == 0 ? null : rounded(met * 100.0 / (met + breached)),
                minutes(rs, "fr_p50"),
                minutes(rs, "fr_p90"),
                minutes(rs, "res_p50"),
                minutes(rs, "res_p90"));
    }

    private static Double minutes(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : rounded(value);
    }

    /** Two decimals, so that JSON and CSV show the same figure and floating-point noise never shows. */
    private static Double rounded(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
