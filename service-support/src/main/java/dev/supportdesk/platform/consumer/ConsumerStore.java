package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.consumer.ParkedEvent.RawRecord;
import dev.supportdesk.platform.consumer.ParkedEvent.Reason;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consumers' state tables (see db/platform/consumer): offsets, applied versions per stream, parked events.
 * Every method runs in the caller's transaction, the one that also holds what the consumer applied.
 */
final class ConsumerStore {

    private static final String PARKED_COLUMNS = """
            consumer, event_id, aggregate_type, aggregate_id, version, event_type, reason, error, attempts, parked_at,
            last_attempt_at, topic, partition, record_offset, record_key, record_value, record_headers""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsumerStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The next offset to read per partition, for the partitions this consumer has read before. */
    Map<Integer, Long> offsets(String consumer, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query(
                "SELECT partition, next_offset FROM consumer_offset WHERE consumer = ? AND topic = ?",
                rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                },
                consumer,
                topic);
        return offsets;
    }

    /** The next offsets of the given partitions, in one statement however many there are. */
    void saveOffsets(String consumer, String topic, Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        Integer[] partitions = nextOffsets.keySet().stream().sorted().toArray(Integer[]::new);
        Long[] offsets = Arrays.stream(partitions).map(nextOffsets::get).toArray(Long[]::new);
        Timestamp now = now();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO consumer_offset (consumer, topic, partition, next_offset, updated_at)
                    SELECT ?, ?, p.partition, p.next_offset, ? FROM unnest(?::int[], ?::bigint[]) AS p(partition, next_offset)
                    ON CONFLICT (consumer, topic, partition)
                    DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at""");
            statement.setString(1, consumer);
            statement.setString(2, topic);
            statement.setTimestamp(3, now);
            statement.setArray(4, connection.createArrayOf("int4", partitions));
            statement.setArray(5, connection.createArrayOf("int8", offsets));
            return statement;
        });
    }

    /**
     * The stream's state, its row locked until the transaction ends: another instance applying an event of the
     * same stream waits here, then sees the new version and skips what was applied meanwhile.
     */
    StreamState lockStream(String consumer, String aggregateId) {
        return jdbc.queryForObject(
                """
                        INSERT INTO consumer_stream (consumer, aggregate_id, version, updated_at) VALUES (?, ?, 0, ?)
                        ON CONFLICT (consumer, aggregate_id) DO UPDATE SET consumer = EXCLUDED.consumer
                        RETURNING version, partition, record_offset, blocked""",
                (rs, row) -> new StreamState(
                        rs.getLong(1),
                        (Integer) rs.getObject(2),
                        rs.getObject(3) == null ? null : rs.getLong(3),
                        rs.getBoolean(4)),
                consumer,
                aggregateId,
                now());
    }

    /**
     * {@link #lockStream} for many streams in one statement: their states, every row locked until the transaction
     * ends. Locked in id order, so that two such statements never wait for each other in a cycle.
     */
    Map<String, StreamState> lockStreams(String consumer, Collection<String> aggregateIds) {
        String[] ids = aggregateIds.stream().distinct().sorted().toArray(String[]::new);
        Timestamp now = now();
        Map<String, StreamState> states = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement("""
                            INSERT INTO consumer_stream (consumer, aggregate_id, version, updated_at)
                            SELECT ?, id, 0, ? FROM unnest(?::text[]) AS id ORDER BY id
                            ON CONFLICT (consumer, aggregate_id) DO UPDATE SET consumer = EXCLUDED.consumer
                            RETURNING aggregate_id, version, partition, record_offset, blocked""");
                    statement.setString(1, consumer);
                    statement.setTimestamp(2, now);
                    statement.setArray(3, connection.createArrayOf("text", ids));
                    return statement;
                },
                rs -> {
                    states.put(
                            rs.getString(1),
                            new StreamState(
                                    rs.getLong(2),
                                    (Integer) rs.getObject(3),
                                    rs.getObject(4) == null ? null : rs.getLong(4),
                                    rs.getBoolean(5)));
                });
        return states;
    }

    /** {@link #advance} for many streams, in one statement. */
    void advanceAll(String consumer, Collection<Advance> advances) {
        if (advances.isEmpty()) {
            return;
        }
        List<Advance> ordered = advances.stream()
                .sorted(Comparator.comparing(Advance::aggregateId))
                .toList();
        Timestamp now = now();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE consumer_stream AS s
                    SET version = a.version, partition = a.partition, record_offset = a.record_offset, updated_at = ?
                    FROM unnest(?::text[], ?::bigint[], ?::int[], ?::bigint[])
                        AS a(aggregate_id, version, partition, record_offset)
                    WHERE s.consumer = ? AND s.aggregate_id = a.aggregate_id""");
            statement.setTimestamp(1, now);
            statement.setArray(2, column(connection, "text", ordered, Advance::aggregateId));
            statement.setArray(3, column(connection, "int8", ordered, Advance::version));
            statement.setArray(4, column(connection, "int4", ordered, Advance::partition));
            statement.setArray(5, column(connection, "int8", ordered, Advance::offset));
            statement.setString(6, consumer);
            return statement;
        });
    }

    /** One field of every advance, as an SQL array of the given element type for {@code unnest}. */
    private static Array column(
            Connection connection, String type, List<Advance> advances, Function<Advance, Object> field)
            throws SQLException {
        return connection.createArrayOf(type, advances.stream().map(field).toArray());
    }

    /** A stream's new applied version and where that event was on the topic. */
    record Advance(String aggregateId, long version, int partition, long offset) {}

    void advance(String consumer, String aggregateId, long version, int partition, long offset) {
        jdbc.update("""
                UPDATE consumer_stream SET version = ?, partition = ?, record_offset = ?, updated_at = ?
                WHERE consumer = ? AND aggregate_id = ?""", version, partition, offset, now(), consumer, aggregateId);
    }

    void setBlocked(String consumer, String aggregateId, boolean blocked) {
        jdbc.update(
                "UPDATE consumer_stream SET blocked = ?, updated_at = ? WHERE consumer = ? AND aggregate_id = ?",
                blocked,
                now(),
                consumer,
                aggregateId);
    }

    /** Parks a record; a record parked before (same event id) stays as it is. */
    void park(
            String consumer,
            String eventId,
            String aggregateType,
            String aggregateId,
            long version,
            String eventType,
            Reason reason,
            String error,
            RawRecord record) {
        Timestamp now = now();
        jdbc.update(
                "INSERT INTO consumer_parked (" + PARKED_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (consumer, event_id) DO NOTHING",
                consumer,
                eventId,
                aggregateType,
                aggregateId,
                version,
                eventType,
                reason.name(),
                error,
                reason == Reason.FAILED ? 1 : 0,
                now,
                now,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                record.headers());
    }

    boolean isParked(String consumer, String aggregateId, long version) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM consumer_parked WHERE consumer = ? AND aggregate_id = ? AND version = ?)""", Boolean.class, consumer, aggregateId, version));
    }

    boolean hasFailed(String consumer, String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM consumer_parked WHERE consumer = ? AND aggregate_id = ? AND reason = 'FAILED')""", Boolean.class, consumer, aggregateId));
    }

    /** The parked event with that version of the stream, locked. */
    Optional<ParkedEvent> parked(String consumer, String aggregateId, long version) {
        return jdbc
                .query(
                        "SELECT " + PARKED_COLUMNS + " FROM consumer_parked "
                                + "WHERE consumer = ? AND aggregate_id = ? AND version = ? ORDER BY parked_at LIMIT 1 FOR UPDATE",
                        ConsumerStore::parkedEvent,
                        consumer,
                        aggregateId,
                        version)
                .stream()
                .findFirst();
    }

    Optional<ParkedEvent> parkedByEventId(String consumer, String eventId) {
        return jdbc
                .query(
                        "SELECT " + PARKED_COLUMNS
                                + " FROM consumer_parked WHERE consumer = ? AND event_id = ? FOR UPDATE",
                        ConsumerStore::parkedEvent,
                        consumer,
                        eventId)
                .stream()
                .findFirst();
    }

    /** Removes a parked event and, when its stream has none left, unblocks the stream. */
    void unpark(String consumer, ParkedEvent event) {
        jdbc.update("DELETE FROM consumer_parked WHERE consumer = ? AND event_id = ?", consumer, event.eventId());
        unblockWhenEmpty(consumer, event.aggregateId());
    }

    /** Drops parked events the stream has already passed (duplicates that were parked before the gap closed). */
    void dropParkedUpTo(String consumer, String aggregateId, long version) {
        jdbc.update(
                "DELETE FROM consumer_parked WHERE consumer = ? AND aggregate_id = ? AND version <= ?",
                consumer,
                aggregateId,
                version);
    }

    void unblockWhenEmpty(String consumer, String aggregateId) {
        jdbc.update("""
                UPDATE consumer_stream SET blocked = FALSE, updated_at = ?
                WHERE consumer = ? AND aggregate_id = ? AND blocked
                  AND NOT EXISTS (SELECT 1 FROM consumer_parked WHERE consumer = ? AND aggregate_id = ?)""", now(), consumer, aggregateId, consumer, aggregateId);
    }

    /** Records another failed attempt: the event is (now) FAILED with this error. */
    void failedAgain(String consumer, String eventId, String error) {
        jdbc.update("""
                UPDATE consumer_parked SET reason = 'FAILED', error = ?, attempts = attempts + 1, last_attempt_at = ?
                WHERE consumer = ? AND event_id = ?""", error, now(), consumer, eventId);
    }

    List<ParkedEvent> listParked(String consumer, int limit) {
        return jdbc.query(
                "SELECT " + PARKED_COLUMNS + " FROM consumer_parked WHERE consumer = ? "
                        + "ORDER BY aggregate_id, version LIMIT ?",
                ConsumerStore::parkedEvent,
                consumer,
                limit);
    }

    /** Parked events and the streams they block. */
    ParkedCounts parkedCounts(String consumer) {
        return jdbc.queryForObject(
                """
                        SELECT count(*), count(DISTINCT aggregate_id), count(*) FILTER (WHERE reason = 'FAILED')
                        FROM consumer_parked WHERE consumer = ?""", (rs, row) -> new ParkedCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3)), consumer);
    }

    /** The aggregates whose streams have a parked event this consumer may be able to apply now. */
    List<String> blockedStreams(String consumer) {
        return jdbc.queryForList(
                "SELECT aggregate_id FROM consumer_stream WHERE consumer = ? AND blocked", String.class, consumer);
    }

    record ParkedCounts(int events, int streams, int failed) {}

    private static ParkedEvent parkedEvent(ResultSet rs, int row) throws SQLException {
        return new ParkedEvent(
                rs.getString("consumer"),
                rs.getString("event_id"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                rs.getLong("version"),
                rs.getString("event_type"),
                Reason.valueOf(rs.getString("reason")),
                rs.getString("error"),
                rs.getInt("attempts"),
                rs.getTimestamp("parked_at").toInstant(),
                rs.getTimestamp("last_attempt_at").toInstant(),
                new RawRecord(
                        rs.getString("topic"),
                        rs.getInt("partition"),
                        rs.getLong("record_offset"),
                        rs.getString("record_key"),
                        rs.getBytes("record_value"),
                        rs.getBytes("record_headers")));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
