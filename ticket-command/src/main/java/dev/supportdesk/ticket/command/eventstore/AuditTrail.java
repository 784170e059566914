package dev.supportdesk.ticket.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who changed what, when: the event store filtered by actor, stream, event type and time, in position order
 * (docs/audit.md, "The audit list"). Read from the store itself, so it is never behind the commands.
 */
@Component
public class AuditTrail {

    /** The filters; null means any. {@code type} is the event's simple class name. */
    public record Filter(String actor, String aggregateId, String type, Instant from, Instant to) {}

    /** One event as the audit list shows it. */
    public record Entry(
            long position,
            String aggregateType,
            String aggregateId,
            long version,
            String payloadType,
            String occurredAt,
            JsonNode metadata,
            JsonNode payload,
            String hash) {}

    public record Page(List<Entry> entries, long total) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditTrail(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Page search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> arguments = new ArrayList<>();
        if (filter.aggregateId() != null) {
            where.append(" AND aggregate_identifier = ?");
            arguments.add(filter.aggregateId());
        }
        if (filter.type() != null) {
            // The stored type is the class name; the filter is its simple name.
            where.append(" AND (payload_type = ? OR payload_type LIKE ?)");
            arguments.add(filter.type());
            arguments.add("%." + filter.type());
        }
        if (filter.actor() != null) {
            where.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = ?");
            arguments.add(filter.actor());
        }
        if (filter.from() != null) {
            where.append(" AND time_stamp::timestamptz >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND time_stamp::timestamptz < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        long total =
                jdbc.queryForObject("SELECT count(*) FROM domain_event_entry" + where, Long.class, arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(size);
        paged.add((long) page * size);
        List<Entry> entries = jdbc.query(
                """
                SELECT global_index, type, aggregate_identifier, sequence_number, payload_type, time_stamp, meta_data,
                       payload, event_hash
                FROM domain_event_entry""" + where + " ORDER BY global_index LIMIT ? OFFSET ?",
                (rs, row) -> new Entry(
                        rs.getLong("global_index"),
                        rs.getString("type"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number") + 1,
                        rs.getString("payload_type"),
                        rs.getString("time_stamp"),
                        read(rs.getBytes("meta_data")),
                        read(rs.getBytes("payload")),
                        CanonicalBytes.hex(rs.getBytes("event_hash"))),
                paged.toArray());
        return new Page(entries, total);
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
