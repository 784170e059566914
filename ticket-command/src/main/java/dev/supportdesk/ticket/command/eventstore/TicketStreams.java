package dev.supportdesk.ticket.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ticket streams as the rest of this service sees them. Only this package reads Axon's event table
 * ({@link EventStoreConfiguration#EVENT_SCHEMA}); everything else asks here: whether a ticket exists, its
 * stored history, and the lock that makes commands on one ticket wait for each other.
 */
@Component
public class TicketStreams {

    /**
     * First key of the two-key advisory locks on ticket streams. PostgreSQL keeps two-key locks apart from
     * one-key locks (which Flyway uses), and this value keeps them apart from anyone else's two-key locks.
     */
    static final int STREAM_LOCK_CLASS = 0x54434B54;

    /**
     * One stored event of a ticket.
     *
     * @param version     the ticket's version after this event (sequence number + 1)
     * @param position    the event's {@code global_index}: its place in the store's global order, the
     *                    position the event feed and the outbox count in
     * @param payloadType the event's class name, as stored
     * @param occurredAt  the stored timestamp, ISO-8601 as Axon wrote it
     * @param metadata    who and why (see {@code MetadataKeys}); an empty object when none was stored
     * @param hash        the event's audit-chain hash, hex (docs/audit.md)
     * @param previousHash the hash of the event before it in its stream, hex (64 zeros for the first)
     */
    public record StoredEvent(
            long version,
            long position,
            String payloadType,
            String occurredAt,
            JsonNode metadata,
            JsonNode payload,
            String hash,
            String previousHash) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TicketStreams(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Whether the ticket has any event. Tickets are never deleted, so a yes stays a yes. */
    public boolean exists(String ticketId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)",
                Boolean.class,
                ticketId));
    }

    /** Every event of the ticket in version order; empty when the ticket does not exist. */
    public List<StoredEvent> history(String ticketId) {
        return jdbc.query(
                """
                        SELECT sequence_number, global_index, payload_type, time_stamp, payload, meta_data,
                               event_hash, previous_hash
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, row) -> new StoredEvent(
                        rs.getLong("sequence_number") + 1,
                        rs.getLong("global_index"),
                        rs.getString("payload_type"),
                        rs.getString("time_stamp"),
                        read(rs.getBytes("meta_data"), true),
                        read(rs.getBytes("payload"), false),
                        CanonicalBytes.hex(rs.getBytes("event_hash")),
                        CanonicalBytes.hex(rs.getBytes("previous_hash"))),
                ticketId);
    }

    /**
     * Makes the current transaction the only one that appends to these tickets until it ends. Without it two
     * commands on one ticket both load version n, both try to append n + 1, and one fails on the stream key
     * after doing all its work; with it the second waits, then loads the first one's events. The locks are
     * taken in ascending key order, so two transactions that lock the same two tickets (opposite merges)
     * cannot deadlock. They are PostgreSQL advisory locks, so they hold across instances of this service.
     */
    public void lockForAppend(Collection<String> ticketIds) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("stream locks last until the end of a transaction: open one first");
        }
        // Ordered by the lock key itself, not the id: two ids may share a key.
        ticketIds.stream()
                .map(String::hashCode)
                .distinct()
                .sorted()
                .forEach(key -> jdbc.query(
                        "SELECT pg_advisory_xact_lock(?, ?)",
                        (ResultSetExtractor<Void>) rs -> null,
                        STREAM_LOCK_CLASS,
                        key));
    }

    private JsonNode read(byte[] bytes, boolean metadata) {
        if (bytes == null) {
            return metadata ? json.createObjectNode() : NullNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("stored event is not JSON", e);
        }
    }
}
