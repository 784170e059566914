package dev.supportdesk.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ticket-command's event store read over JDBC: the truth about what was stored, whatever the answers said. */
public final class StoredEvents {

    private static final String TABLE = "ticket_command.domain_event_entry";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored event and the metadata ticket-command wrote on it. */
    public record Event(
            long position,
            String aggregateId,
            long sequence,
            String type,
            String actor,
            String actorRole,
            String correlationId) {

        @Override
        public String toString() {
            return "event " + position + " (" + aggregateId + " #" + sequence + ", " + type + ", actor " + actor + "/"
                    + actorRole + ", correlationId " + correlationId + ")";
        }
    }

    private final String url;
    private final String user;
    private final String password;

    public StoredEvents(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The highest position stored so far (0 when empty): later events have higher positions. */
    public long lastPosition() {
        try (Connection connection = connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT coalesce(max(global_index), 0) FROM " + TABLE);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event store: " + e.getMessage(), e);
        }
    }

    public List<Event> after(long position) {
        String sql =
                "SELECT global_index, aggregate_identifier, sequence_number, payload_type, convert_from(meta_data, 'UTF8')"
                        + " FROM " + TABLE + " WHERE global_index > ? ORDER BY global_index";
        List<Event> events = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode metadata = metadata(rows.getString(5));
                    String type = rows.getString(4);
                    events.add(new Event(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getLong(3),
                            type.substring(type.lastIndexOf('.') + 1),
                            text(metadata, "actor"),
                            text(metadata, "actorRole"),
                            text(metadata, "correlationId")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event store: " + e.getMessage(), e);
        }
        return events;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static JsonNode metadata(String json) {
        if (json == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Metadata that is not JSON: " + json, e);
        }
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
