package dev.supportdesk.e2e.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ticket-command's event store (Axon's {@code domain_event_entry}) over JDBC: the truth every other
 * view is compared with. A stream's version is its highest sequence number + 1.
 */
public final class EventStore {

    private static final String TABLE = "ticket_command.domain_event_entry";

    private final FaultPlatform desk;

    EventStore(FaultPlatform desk) {
        this.desk = desk;
    }

    /** One stored event; {@code payload} is the serialized JSON. */
    public record Event(String aggregateId, long sequence, String eventId, String type, String payload, Instant at) {

        public long version() {
            return sequence + 1;
        }
    }

    /** Where an event id sits in the store. */
    public record Position(String aggregateId, long sequence) {}

    /**
     * Every event of each stream that has at least one event mentioning the text (a test's own word is in
     * each of its tickets' subjects and in the bodies of its commands), in stream order.
     */
    public List<Event> streamsMentioning(String text) {
        String sql = "SELECT aggregate_identifier, sequence_number, event_identifier, payload_type,"
                + " convert_from(payload, 'UTF8'), time_stamp FROM " + TABLE
                + " WHERE aggregate_identifier IN (SELECT aggregate_identifier FROM " + TABLE
                + " WHERE strpos(convert_from(payload, 'UTF8'), ?) > 0)"
                + " ORDER BY aggregate_identifier, sequence_number";
        List<Event> events = new ArrayList<>();
        try (Connection connection = desk.connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, text);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(4);
                    events.add(new Event(
                            rows.getString(1),
                            rows.getLong(2),
                            rows.getString(3),
                            type.substring(type.lastIndexOf('.') + 1),
                            rows.getString(5),
                            Instant.parse(rows.getString(6))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event store: " + e.getMessage(), e);
        }
        return events;
    }

    /** Every stored event id with its stream and sequence number. */
    public Map<String, Position> allEventIds() {
        Map<String, Position> ids = new HashMap<>();
        try (Connection connection = desk.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT event_identifier, aggregate_identifier, sequence_number FROM " + TABLE)) {
            while (rows.next()) {
                ids.put(rows.getString(1), new Position(rows.getString(2), rows.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event store: " + e.getMessage(), e);
        }
        return ids;
    }

    /** Every stream's version. */
    public Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        try (Connection connection = desk.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT aggregate_identifier, max(sequence_number) + 1 FROM "
                        + TABLE + " GROUP BY aggregate_identifier")) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event store: " + e.getMessage(), e);
        }
        return versions;
    }
}
