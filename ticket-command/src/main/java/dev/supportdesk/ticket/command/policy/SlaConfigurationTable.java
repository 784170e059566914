package dev.supportdesk.ticket.command.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.events.SlaCalendarDefinedEvent;
import dev.supportdesk.contract.events.SlaPolicyDefinedEvent;
import dev.supportdesk.platform.web.PlatformJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The versions of the SLA policies and calendars (V3 migration), written beside their events in one transaction;
 * the one place that reads and writes those tables.
 */
@Component
class SlaConfigurationTable {

    /** One stored policy version: its definition as last defined, and whether it is active at this version. */
    record PolicyRow(
            String name,
            long version,
            long changeNo,
            boolean active,
            SlaPolicyDefinedEvent definition,
            Instant changedAt,
            String changedBy) {}

    record CalendarRow(
            String name, long version, SlaCalendarDefinedEvent definition, Instant changedAt, String changedBy) {}

    /** One-key advisory lock of the SLA configuration (Flyway uses its own key). */
    private static final long CONFIGURATION_LOCK = 0x534C4143L;

    private static final String POLICY_COLUMNS = "name, version, change_no, active, definition, changed_at, changed_by";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    SlaConfigurationTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // the form events are stored in (ISO durations), whatever the web layer's mapper does
        this.json = PlatformJson.base();
    }

    /** Changes commit one after the other, so that change numbers follow the commit order. */
    void lockForChange() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, CONFIGURATION_LOCK);
    }

    void addPolicy(long version, boolean active, SlaPolicyDefinedEvent definition, Instant at, String actor) {
        jdbc.update(
                "INSERT INTO sla_policy_version (name, version, active, definition, changed_at, changed_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                definition.name(),
                version,
                active,
                write(definition),
                Timestamp.from(at),
                actor);
    }

    void addCalendar(long version, SlaCalendarDefinedEvent definition, Instant at, String actor) {
        jdbc.update(
                "INSERT INTO sla_calendar_version (name, version, definition, changed_at, changed_by)"
                        + " VALUES (?, ?, ?, ?, ?)",
                definition.name(),
                version,
                write(definition),
                Timestamp.from(at),
                actor);
    }

    long lastChange() {
        Long last = jdbc.queryForObject("SELECT max(change_no) FROM sla_policy_version", Long.class);
        return last == null ? 0 : last;
    }

    /** Each policy's latest version among the changes up to {@code asOf} (null: all), in name order. */
    List<PolicyRow> policiesAsOf(Long asOf) {
        return jdbc.query(
                "SELECT DISTINCT ON (name) " + POLICY_COLUMNS + " FROM sla_policy_version WHERE change_no <= ?"
                        + " ORDER BY name, change_no DESC",
                this::policy,
                asOf == null ? Long.MAX_VALUE : asOf);
    }

    /** That version of the policy; null version: its latest. */
    Optional<PolicyRow> policy(String name, Long version) {
        return jdbc
                .query(
                        "SELECT " + POLICY_COLUMNS + " FROM sla_policy_version WHERE name = ?"
                                + " AND (?::bigint IS NULL OR version = ?) ORDER BY version DESC LIMIT 1",
                        this::policy,
                        name,
                        version,
                        version)
                .stream()
                .findFirst();
    }

    List<CalendarRow> calendars() {
        return jdbc.query(
                "SELECT DISTINCT ON (name) name, version, definition, changed_at, changed_by"
                        + " FROM sla_calendar_version ORDER BY name, version DESC",
                this::calendar);
    }

    /** That version of the calendar; null version: its latest. */
    Optional<CalendarRow> calendar(String name, Long version) {
        return jdbc
                .query(
                        "SELECT name, version, definition, changed_at, changed_by FROM sla_calendar_version"
                                + " WHERE name = ? AND (?::bigint IS NULL OR version = ?) ORDER BY version DESC LIMIT 1",
                        this::calendar,
                        name,
                        version,
                        version)
                .stream()
                .findFirst();
    }

    private PolicyRow policy(ResultSet rs, int row) throws SQLException {
        return new PolicyRow(
                rs.getString("name"),
                rs.getLong("version"),
                rs.getLong("change_no"),
                rs.getBoolean("active"),
                read(rs.getString("definition"), SlaPolicyDefinedEvent.class),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getString("changed_by"));
    }

    private CalendarRow calendar(ResultSet rs, int row) throws SQLException {
        return new CalendarRow(
                rs.getString("name"),
                rs.getLong("version"),
                read(rs.getString("definition"), SlaCalendarDefinedEvent.class),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getString("changed_by"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA configuration is unreadable", e);
        }
    }
}
