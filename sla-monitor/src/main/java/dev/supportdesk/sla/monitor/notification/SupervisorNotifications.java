package dev.supportdesk.sla.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.platform.web.PlatformJson;
import dev.supportdesk.sla.monitor.notification.SupervisorNotification.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code supervisor_notification} table, shared by every sla-monitor instance: what was asked for, what the
 * webhook answered, and what ticket-command has recorded. Public for the admin listing.
 */
public class SupervisorNotifications {

    /** How many are still to be delivered, how many of them failing, and how many gave up. */
    public record Summary(int pending, int failing, int gaveUp) {}

    private static final ObjectMapper JSON = PlatformJson.base();
    private static final String COLUMNS = "notification_id, ticket_id, metric, stage, group_name, supervisors,"
            + " webhook_url, requested_at, state, attempts, last_status, last_error, first_failed_at,"
            + " last_attempt_at, next_attempt_at, delivered_at, failure_recorded, delivery_recorded";

    private final JdbcTemplate jdbc;

    SupervisorNotifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the request unless its id is known already; true when this call inserted it. */
    boolean insertIfNew(SupervisorNotificationRequestedEvent event, Instant requestedAt) {
        return jdbc.update(
                        "INSERT INTO supervisor_notification (notification_id, ticket_id, metric, stage, group_name,"
                                + " supervisors, webhook_url, requested_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                                + " 'PENDING') ON CONFLICT (notification_id) DO NOTHING",
                        event.notificationId(),
                        event.ticketId(),
                        event.metric().name(),
                        event.stage().name(),
                        event.group(),
                        json(event.supervisors() == null ? List.of() : event.supervisors()),
                        event.webhookUrl(),
                        Timestamp.from(requestedAt))
                == 1;
    }

    Optional<SupervisorNotification> find(String notificationId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM supervisor_notification WHERE notification_id = ?",
                        ROW,
                        notificationId)
                .stream()
                .findFirst();
    }

    void attemptFailed(String notificationId, int attempts, Integer status, String error, Instant at, Instant next) {
        jdbc.update(
                "UPDATE supervisor_notification SET state = 'FAILING', attempts = ?, last_status = ?, last_error = ?,"
                        + " first_failed_at = COALESCE(first_failed_at, ?), last_attempt_at = ?, next_attempt_at = ?"
                        + " WHERE notification_id = ?",
                attempts,
                status,
                error,
                Timestamp.from(at),
                Timestamp.from(at),
                next == null ? null : Timestamp.from(next),
                notificationId);
    }

    void delivered(String notificationId, int attempts, Integer status, Instant at) {
        jdbc.update(
                "UPDATE supervisor_notification SET state = 'DELIVERED', attempts = ?, last_status = ?,"
                        + " last_attempt_at = ?, delivered_at = ?, next_attempt_at = NULL WHERE notification_id = ?",
                attempts,
                status,
                Timestamp.from(at),
                Timestamp.from(at),
                notificationId);
    }

    void gaveUp(String notificationId, String error) {
        jdbc.update(
                "UPDATE supervisor_notification SET state = 'GAVE_UP', next_attempt_at = NULL,"
                        + " last_error = COALESCE(?, last_error) WHERE notification_id = ?",
                error,
                notificationId);
    }

    void failureRecorded(String notificationId) {
        jdbc.update(
                "UPDATE supervisor_notification SET failure_recorded = TRUE WHERE notification_id = ?", notificationId);
    }

    void deliveryRecorded(String notificationId) {
        jdbc.update(
                "UPDATE supervisor_notification SET delivery_recorded = TRUE WHERE notification_id = ?",
                notificationId);
    }

    /**
     * The notifications an admin should see, oldest first: not delivered yet (pending, failing, given up), or
     * delivered but not recorded by ticket-command yet.
     */
    public List<SupervisorNotification> undelivered(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM supervisor_notification WHERE NOT delivery_recorded"
                        + " ORDER BY requested_at, notification_id LIMIT ?",
                ROW,
                limit);
    }

    public Summary summary() {
        return jdbc.queryForObject(
                "SELECT count(*) FILTER (WHERE state IN ('PENDING', 'FAILING')),"
                        + " count(*) FILTER (WHERE state = 'FAILING'), count(*) FILTER (WHERE state = 'GAVE_UP')"
                        + " FROM supervisor_notification WHERE NOT delivery_recorded",
                (rows, row) -> new Summary(rows.getInt(1), rows.getInt(2), rows.getInt(3)));
    }

    /** The subject and priority the webhook names; remembered from the ticket's own events. */
    record TicketFacts(String subject, String priority) {}

    void rememberOpened(String ticketId, String subject, String priority) {
        jdbc.update(
                "INSERT INTO notification_ticket (ticket_id, subject, priority) VALUES (?, ?, ?)"
                        + " ON CONFLICT (ticket_id) DO UPDATE SET subject = EXCLUDED.subject,"
                        + " priority = EXCLUDED.priority",
                ticketId,
                subject,
                priority);
    }

    void rememberPriority(String ticketId, String priority) {
        jdbc.update(
                "INSERT INTO notification_ticket (ticket_id, priority) VALUES (?, ?)"
                        + " ON CONFLICT (ticket_id) DO UPDATE SET priority = EXCLUDED.priority",
                ticketId,
                priority);
    }

    Optional<TicketFacts> ticket(String ticketId) {
        return jdbc
                .query(
                        "SELECT subject, priority FROM notification_ticket WHERE ticket_id = ?",
                        (rows, row) -> new TicketFacts(rows.getString(1), rows.getString(2)),
                        ticketId)
                .stream()
                .findFirst();
    }

    private static final RowMapper<SupervisorNotification> ROW = (rows, row) -> new SupervisorNotification(
            rows.getString("notification_id"),
            rows.getString("ticket_id"),
            SlaMetric.valueOf(rows.getString("metric")),
            EscalationTrigger.valueOf(rows.getString("stage")),
            rows.getString("group_name"),
            supervisors(rows.getString("supervisors")),
            rows.getString("webhook_url"),
            instant(rows, "requested_at"),
            State.valueOf(rows.getString("state")),
            rows.getInt("attempts"),
            (Integer) rows.getObject("last_status"),
            rows.getString("last_error"),
            instant(rows, "first_failed_at"),
            instant(rows, "last_attempt_at"),
            instant(rows, "next_attempt_at"),
            instant(rows, "delivered_at"),
            rows.getBoolean("failure_recorded"),
            rows.getBoolean("delivery_recorded"));

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> supervisors(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable supervisors " + json, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value, e);
        }
    }
}
