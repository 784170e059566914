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

    /** A statement's filter and its arguments, as {@link #search} runs it (and a test explains it). */
    record Query(String where, List<Object> arguments) {

        String count() {
            return "SELECT count(*) FROM domain_event_entry" + where;
        }

        String page() {
            return """
                    SELECT global_index, type, aggregate_identifier, sequence_number, payload_type, time_stamp,
                           meta_data, payload, event_hash
                    FROM domain_event_entry""" + where + " ORDER BY global_index LIMIT ? OFFSET ?";
        }

        Object[] pageArguments(int page, int size) {
            List<Object> paged = new ArrayList<>(arguments);
            paged.add(size);
            paged.add((long) page * size);
            return paged.toArray();
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final GlobalFeed feed;

    AuditTrail(JdbcTemplate jdbc, ObjectMapper json, GlobalFeed feed) {
        this.jdbc = jdbc;
        this.json = json;
        this.feed = feed;
    }

    public Page search(Filter filter, int page, int size) {
        Query query = query(filter, feed.horizon());
        long total =
                jdbc.queryForObject(query.count(), Long.class, query.arguments().toArray());
        List<Entry> entries = jdbc.query(
                query.page(),
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
                query.pageArguments(page, size));
        return new Page(entries, total);
    }

    /**
     * Each filter is the very expression one index of migration V5 covers, so that PostgreSQL reads only the
     * matching rows, in position order. Only positions up to the commit horizon are listed: every event at or
     * below it has committed, so a page, once answered, never gains an event that commits late, and paging on
     * never skips one (a later page only grows at the end).
     */
    static Query query(Filter filter, long upTo) {
        StringBuilder where = new StringBuilder(" WHERE global_index <= ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(upTo);
        if (filter.aggregateId() != null) {
            where.append(" AND aggregate_identifier = ?");
            arguments.add(filter.aggregateId());
        }
        if (filter.type() != null) {
            // The stored type is the class name; the filter is its simple name.
            where.append(" AND audit_event_type(payload_type) = ?");
            arguments.add(filter.type());
        }
        if (filter.actor() != null) {
            where.append(" AND audit_actor(meta_data) = ?");
            arguments.add(filter.actor());
        }
        if (filter.from() != null) {
            where.append(" AND audit_time(time_stamp) >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND audit_time(time_stamp) < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        return new Query(where.toString(), arguments);
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
