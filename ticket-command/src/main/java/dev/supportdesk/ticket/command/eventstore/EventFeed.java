package dev.supportdesk.ticket.command.eventstore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.web.PlatformJson;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Reads the whole event store in position order, as stored. Positions are {@code global_index}. A reader that
 * pages by position must not pass a {@link CommitHorizon} ({@link #read}); the outbox reads ahead of it and
 * keeps the positions it has not seen yet ({@link #readAfter}, {@link #readPositions}).
 */
public final class EventFeed {

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    private static final String SELECT = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            FROM domain_event_entry
            """;

    private final ObjectMapper json = PlatformJson.base();

    /** Events with {@code after < position <= upTo}, in position order, at most {@code limit}. */
    public List<EventEnvelope> read(JdbcOperations jdbc, long after, long upTo, int limit) {
        return jdbc.query(
                SELECT + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                this::envelope,
                after,
                upTo,
                limit);
    }

    /** The committed events after {@code after}, in position order, at most {@code limit}. */
    public List<EventEnvelope> readAfter(JdbcOperations jdbc, long after, int limit) {
        return jdbc.query(
                SELECT + "WHERE global_index > ? ORDER BY global_index LIMIT ?", this::envelope, after, limit);
    }

    /** The committed events among these positions, in position order. */
    public List<EventEnvelope> readPositions(JdbcOperations jdbc, Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                SELECT + "WHERE global_index = ANY (?) ORDER BY global_index",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions.toArray())),
                this::envelope);
    }

    private EventEnvelope envelope(ResultSet rs, int row) throws SQLException {
        return new EventEnvelope(
                rs.getString("event_identifier"),
                rs.getString("type"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number") + 1,
                rs.getLong("global_index"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                StoredInstants.parse(rs.getString("time_stamp")),
                metadata(rs.getBytes("meta_data")),
                rs.getBytes("payload"));
    }

    private Map<String, String> metadata(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Map.of();
        }
        try {
            Map<String, String> metadata = new LinkedHashMap<>();
            json.readValue(bytes, METADATA).forEach((key, value) -> {
                if (value != null) {
                    metadata.put(key, value.toString());
                }
            });
            return metadata;
        } catch (IOException e) {
            throw new IllegalStateException("stored event metadata is not JSON", e);
        }
    }
}
