package dev.supportdesk.ticket.query.queue;

import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Reads a queue item from a row of the {@code ticket} table; the detail reuses it. */
public final class QueueItemRowMapper implements RowMapper<QueueItem> {

    public static final QueueItemRowMapper INSTANCE = new QueueItemRowMapper();

    private QueueItemRowMapper() {
    }

    @Override
    public QueueItem mapRow(ResultSet rs, int rowNum) throws SQLException {
        RequesterView requester = new RequesterView(rs.getString("requester_name"), rs.getString("requester_email"),
                rs.getString("requester_phone"));
        SlaBlock sla = new SlaBlock(rs.getString("sla_policy"), instant(rs, "first_response_due_at"),
                instant(rs, "next_response_due_at"), instant(rs, "resolution_due_at"), rs.getString("sla_state"),
                rs.getInt("escalation_level"));
        return new QueueItem(rs.getString("id"), rs.getString("subject"), rs.getString("status"),
                rs.getString("priority"), rs.getString("channel"), rs.getString("assignee"),
                rs.getString("group_name"), requester, rs.getString("customer_tier"), tags(rs.getArray("tags")),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"), sla);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
