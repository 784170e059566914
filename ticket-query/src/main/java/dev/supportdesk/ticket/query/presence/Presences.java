package dev.supportdesk.ticket.query.presence;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code ticket_presence} rows. Every change that someone else's screen would show sends
 * {@value #CHANNEL} with the ticket id, delivered at commit to every instance; a renewal that changes nothing sends
 * nothing, so the console's renewals every ten seconds do not wake every screen. Time is the database's
 * ({@code now()}), the one clock all instances share.
 */
@Repository
class Presences {

    static final String CHANNEL = "ticket_presence";

    record Present(String userName, Activity activity, Instant since) {}

    private final JdbcTemplate jdbc;
    private final PresenceProperties properties;

    Presences(JdbcTemplate jdbc, PresenceProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Records that the user is on the ticket doing {@code activity}, for another {@code ttl}. */
    @Transactional
    void renew(String ticketId, String userName, Activity activity) {
        // Locks the row (if any) so that two renewals of one user decide "changed" one after the other.
        List<Activity> before = jdbc.query(
                "SELECT activity FROM ticket_presence WHERE ticket_id = ? AND user_name = ?"
                        + " AND renewed_at > now() - ? * INTERVAL '1 millisecond' FOR UPDATE",
                (row, i) -> Activity.valueOf(row.getString("activity")),
                ticketId,
                userName,
                properties.ttl().toMillis());
        boolean changed = before.isEmpty() || before.get(0) != activity;
        jdbc.update("""
                INSERT INTO ticket_presence (ticket_id, user_name, activity, since, renewed_at)
                VALUES (?, ?, ?, now(), now())
                ON CONFLICT (ticket_id, user_name) DO UPDATE SET
                    activity = EXCLUDED.activity, renewed_at = EXCLUDED.renewed_at,
                    since = CASE WHEN ? THEN EXCLUDED.since ELSE ticket_presence.since END
                """, ticketId, userName, activity.name(), changed);
        if (changed) {
            notifyChange(ticketId);
        }
    }

    @Transactional
    void leave(String ticketId, String userName) {
        int removed =
                jdbc.update("DELETE FROM ticket_presence WHERE ticket_id = ? AND user_name = ?", ticketId, userName);
        if (removed > 0) {
            notifyChange(ticketId);
        }
    }

    /** Everyone present on the ticket, the longest present first. */
    List<Present> on(String ticketId) {
        return jdbc.query(
                "SELECT user_name, activity, since FROM ticket_presence WHERE ticket_id = ?"
                        + " AND renewed_at > now() - ? * INTERVAL '1 millisecond' ORDER BY since, user_name",
                (row, i) -> new Present(
                        row.getString("user_name"),
                        Activity.valueOf(row.getString("activity")),
                        row.getTimestamp("since").toInstant()),
                ticketId,
                properties.ttl().toMillis());
    }

    /**
     * Removes the presences that ran out and tells every instance which tickets lost someone. Instances sweep at the
     * same time without harm: each row is deleted, and so reported, once.
     */
    @Transactional
    int sweep() {
        List<String> tickets = jdbc.queryForList(
                "DELETE FROM ticket_presence WHERE renewed_at <= now() - ? * INTERVAL '1 millisecond'"
                        + " RETURNING ticket_id",
                String.class,
                properties.ttl().toMillis());
        tickets.stream().distinct().forEach(this::notifyChange);
        return tickets.size();
    }

    private void notifyChange(String ticketId) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, ticketId);
    }
}
