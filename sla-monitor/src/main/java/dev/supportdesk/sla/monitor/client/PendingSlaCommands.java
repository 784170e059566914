package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.SlaMetric;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The warnings and breaches that ticket-command has not recorded yet (table {@code pending_sla_command}), shared by
 * every sla-monitor instance and kept across restarts.
 * <p>
 * A row is written by the deadline task when a delivery fails and deleted when the deadline completes. A deadline
 * the saga cancels (the clock was met, paused or re-targeted, the ticket closed) leaves no row in
 * {@code scheduled_tasks}; its pending row is then stale: never listed or counted, and deleted on the next write.
 */
public class PendingSlaCommands {

    private static final String LIVE = " EXISTS (SELECT 1 FROM scheduled_tasks t"
            + " WHERE t.task_name = p.deadline_task AND t.task_instance = p.deadline_id)";
    private static final RowMapper<PendingSlaCommand> ROW = PendingSlaCommands::row;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PendingSlaCommands(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Everything pending, the longest overdue first. */
    public List<PendingSlaCommand> list() {
        return jdbc.query(
                "SELECT p.* FROM pending_sla_command p WHERE" + LIVE + " ORDER BY p.due_at, p.ticket_id, p.deadline_id",
                ROW);
    }

    /** What is pending, the longest overdue first, at most {@code limit} of them. */
    public List<PendingSlaCommand> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return jdbc.query(
                "SELECT p.* FROM pending_sla_command p WHERE" + LIVE
                        + " ORDER BY p.due_at, p.ticket_id, p.deadline_id LIMIT ?",
                ROW,
                limit);
    }

    /** How many are pending, and how long the oldest is overdue (since its warn or due instant). */
    public Summary summary() {
        return jdbc.queryForObject(
                "SELECT count(*), min(p.due_at) FROM pending_sla_command p WHERE" + LIVE, (rows, i) -> {
                    Instant oldest = instant(rows, 2);
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
                    return new Summary(rows.getInt(1), oldest, age.isNegative() ? Duration.ZERO : age);
                });
    }

    /**
     * A delivery of the deadline {@code deadlineTask}/{@code deadlineId} failed: lists it as pending, or updates the
     * listing.
     */
    public void recordFailure(
            String deadlineTask,
            String deadlineId,
            SlaCommandNotDeliveredException failure,
            int attempts,
            Instant lastAttemptAt,
            Instant nextAttemptAt) {
        DeliveryError error = failure.error();
        jdbc.update(
                """
                INSERT INTO pending_sla_command (deadline_task, deadline_id, ticket_id, metric, kind, due_at, attempts,
                    last_status, last_reason, last_detail, first_failed_at, last_attempt_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (deadline_task, deadline_id) DO UPDATE SET
                    attempts = EXCLUDED.attempts, last_status = EXCLUDED.last_status,
                    last_reason = EXCLUDED.last_reason, last_detail = EXCLUDED.last_detail,
                    last_attempt_at = EXCLUDED.last_attempt_at, next_attempt_at = EXCLUDED.next_attempt_at
                """,
                deadlineTask,
                deadlineId,
                failure.ticketId(),
                failure.metric().name(),
                failure.kind().name(),
                utc(failure.at()),
                attempts,
                error.status(),
                error.reason(),
                error.detail(),
                utc(lastAttemptAt),
                utc(lastAttemptAt),
                utc(nextAttemptAt));
    }

    /** The deadline completed: whatever it carried was recorded, or no longer applies. Also drops stale rows. */
    public void clear(String deadlineTask, String deadlineId) {
        jdbc.update(
                "DELETE FROM pending_sla_command WHERE deadline_task = ? AND deadline_id = ?",
                deadlineTask,
                deadlineId);
        jdbc.update("DELETE FROM pending_sla_command p WHERE NOT" + LIVE);
    }

    private static PendingSlaCommand row(ResultSet rows, int rowNumber) throws SQLException {
        int status = rows.getInt("last_status");
        Integer lastStatus = rows.wasNull() ? null : status;
        return new PendingSlaCommand(
                rows.getString("deadline_id"),
                rows.getString("ticket_id"),
                SlaMetric.valueOf(rows.getString("metric")),
                PendingSlaCommand.Kind.valueOf(rows.getString("kind")),
                instant(rows, "due_at"),
                rows.getInt("attempts"),
                new DeliveryError(lastStatus, rows.getString("last_reason"), rows.getString("last_detail")),
                instant(rows, "first_failed_at"),
                instant(rows, "last_attempt_at"),
                instant(rows, "next_attempt_at"));
    }

    // OffsetDateTime, not Timestamp: pgjdbc converts a Timestamp through the JVM's zone, where a DST change makes
    // an hour ambiguous.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * @param count     pending deliveries
     * @param oldestAt  the earliest warn or due instant among them, or null when none is pending
     * @param oldestAge how long that one is overdue (zero when none is pending)
     */
    public record Summary(int count, Instant oldestAt, Duration oldestAge) {}
}
