package dev.supportdesk.e2e.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * ticket-query's ticket rows read over JDBC ({@code ticket_query.ticket}: id and version), to find rows
 * that the event store does not back and to watch a catch-up cheaply. What a client sees is checked
 * through the API.
 */
public final class ReadModel {

    private final FaultPlatform desk;

    ReadModel(FaultPlatform desk) {
        this.desk = desk;
    }

    /** Every ticket row's version. */
    public Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        try (Connection connection = desk.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, version FROM ticket_query.ticket")) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the read model: " + e.getMessage(), e);
        }
        return versions;
    }

    /** The versions of these tickets (a ticket without a row is left out). */
    public Map<String, Long> versions(Collection<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        try (Connection connection = desk.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT id, version FROM ticket_query.ticket WHERE id = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the read model: " + e.getMessage(), e);
        }
        return versions;
    }
}
