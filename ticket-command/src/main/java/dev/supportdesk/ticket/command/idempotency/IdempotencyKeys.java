package dev.supportdesk.ticket.command.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of ticket creation, per caller. Always used inside the transaction that stores the
 * ticket's events: a claimed key and its ticket commit together or not at all.
 */
@Repository
public class IdempotencyKeys {

    /** What the first request with a key asked for, and what it was answered. */
    public record Entry(String requestBody, String ticketId, long version) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims the key for a new ticket. A concurrent request with the same key waits on the row lock until
     * the first commits (and then finds the key taken) or rolls back (and then claims it itself).
     *
     * @return true when this request claimed the key; false when it was already taken
     */
    public boolean claim(String caller, String key, String requestBody, String ticketId) {
        int inserted = jdbc.update("""
                INSERT INTO idempotency_key (caller, idempotency_key, request_body, ticket_id, version, created_at)
                VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING""", caller, key, requestBody, ticketId, Timestamp.from(clock.instant()));
        return inserted == 1;
    }

    public void answered(String caller, String key, long version) {
        jdbc.update(
                "UPDATE idempotency_key SET version = ? WHERE caller = ? AND idempotency_key = ?",
                version,
                caller,
                key);
    }

    public Optional<Entry> find(String caller, String key) {
        List<Entry> entries = jdbc.query(
                "SELECT request_body, ticket_id, version FROM idempotency_key WHERE caller = ? AND idempotency_key = ?",
                (rs, row) -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3)),
                caller,
                key);
        return entries.stream().findFirst();
    }
}
