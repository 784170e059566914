package dev.supportdesk.ticket.command.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain as stored: the events with the bytes their hashes cover, and every stream's head in
 * {@code stream_head}, which the migration's trigger writes in each appending transaction (docs/audit.md).
 */
@Component
public class ChainStore {

    /** A stream's last version and that event's hash, as the head table (or a checkpoint) records it. */
    public record Head(String aggregateId, String aggregateType, long version, byte[] hash) {}

    private static final String SELECT = """
            SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                   payload_type, payload_revision, payload, meta_data, previous_hash, event_hash
            FROM domain_event_entry
            """;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    ChainStore(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        // pgjdbc streams a result only inside a transaction with a fetch size; otherwise it reads it whole.
        this.streaming.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Every stored event of one stream, in sequence order (gaps and all, as stored). */
    public List<ChainedEvent> stream(String aggregateId) {
        return jdbc.query(
                SELECT + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> event(rs),
                aggregateId);
    }

    /** The recorded head of one stream; null when none is recorded. */
    public Head head(String aggregateId) {
        List<Head> heads = jdbc.query(
                "SELECT aggregate_identifier, aggregate_type, version, hash FROM stream_head WHERE aggregate_identifier = ?",
                (rs, row) -> head(rs),
                aggregateId);
        return heads.isEmpty() ? null : heads.get(0);
    }

    /** Every recorded head, by aggregate id. */
    public Map<String, Head> heads() {
        Map<String, Head> heads = new TreeMap<>();
        jdbc.query("SELECT aggregate_identifier, aggregate_type, version, hash FROM stream_head", rs -> {
            Head head = head(rs);
            heads.put(head.aggregateId(), head);
        });
        return heads;
    }

    /** How many events the migration chained that were stored before the chain existed. */
    public long chainedByMigration() {
        List<Long> counts = jdbc.queryForList("SELECT chained_events FROM audit_chain_origin", Long.class);
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    /**
     * Hands every stream, one at a time, in aggregate id order (as PostgreSQL sorts them), from one consistent
     * snapshot, without holding the whole store in memory.
     */
    public void forEachStream(Consumer<List<ChainedEvent>> visitor) {
        readOnly.executeWithoutResult(status -> {
            List<ChainedEvent> current = new ArrayList<>();
            streaming.query(SELECT + "ORDER BY aggregate_identifier, sequence_number", rs -> {
                ChainedEvent event = event(rs);
                if (!current.isEmpty() && !current.get(0).aggregateId().equals(event.aggregateId())) {
                    visitor.accept(List.copyOf(current));
                    current.clear();
                }
                current.add(event);
            });
            if (!current.isEmpty()) {
                visitor.accept(List.copyOf(current));
            }
        });
    }

    /** Every stored event in position order, from one consistent snapshot, streamed. */
    public void forEachEvent(Consumer<ChainedEvent> visitor) {
        readOnly.executeWithoutResult(status -> streaming.query(SELECT + "ORDER BY global_index", rs -> {
            visitor.accept(event(rs));
        }));
    }

    private static ChainedEvent event(ResultSet rs) throws SQLException {
        return new ChainedEvent(
                rs.getLong("global_index"),
                rs.getString("type"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number") + 1,
                rs.getString("event_identifier"),
                rs.getString("time_stamp"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                rs.getBytes("payload"),
                rs.getBytes("meta_data"),
                rs.getBytes("previous_hash"),
                rs.getBytes("event_hash"));
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(
                rs.getString("aggregate_identifier"),
                rs.getString("aggregate_type"),
                rs.getLong("version"),
                rs.getBytes("hash"));
    }
}
