package dev.supportdesk.ticket.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.model.view.ConversationKind;
import dev.supportdesk.model.view.SlaClock;
import dev.supportdesk.model.view.SlaState;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.platform.web.PlatformJson;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ticket read model's tables, {@code ticket} and {@code ticket_conversation}: the one class that knows their
 * columns. The projection writes and reloads its {@link TicketView}s through it (inside the consumer's transaction,
 * the one that also stores its offsets, so rows and offsets commit or roll back together); the queue and the
 * detail read {@link TicketRow}s and conversation entries.
 * <p>
 * Every text is stored as {@link #storable}: the event store holds any JSON string, PostgreSQL text cannot hold
 * a NUL, and an event already stored can never be refused. A NUL is kept as the six characters {@code \u0000}.
 * <p>
 * Each saved row sends a PostgreSQL notification ({@value #UPDATES_CHANNEL}, payload {@code "<id> <version>"}),
 * delivered at commit to every ticket-query instance, so live screens and {@code minVersion} waits work whichever
 * instance applied the event.
 */
@Repository
public class TicketTable implements TicketRows {

    static final String UPDATES_CHANNEL = "ticket_updated";

    private static final TypeReference<Map<SlaMetric, SlaClock>> CLOCKS = new TypeReference<>() {};

    private static final String INSERT_ENTRY = """
            INSERT INTO ticket_conversation (ticket_id, version, kind, author, at, body)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """;

    /** Every column of a row but the search column (migration V9): a copy of five of them that no reader needs. */
    private static final String ROW = "SELECT id, version, subject, description, status, priority, priority_rank,"
            + " channel, assignee, group_name, requester_name, requester_email, requester_phone, customer_tier, tags,"
            + " created_at, updated_at, resolution, merged_into, sla_policy, first_response_due_at,"
            + " next_response_due_at, resolution_due_at, sla_state, escalation_level, due_at, sla_clocks FROM ticket";

    private static final String UPSERT = """
            INSERT INTO ticket (id, version, subject, description, status, priority, priority_rank, channel, assignee,
                                group_name, requester_name, requester_email, requester_phone, customer_tier, tags,
                                created_at, updated_at, resolution, merged_into, sla_policy, first_response_due_at,
                                next_response_due_at, resolution_due_at, sla_state, escalation_level, due_at, sla_clocks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
            ON CONFLICT (id) DO UPDATE SET
                version = EXCLUDED.version, subject = EXCLUDED.subject, description = EXCLUDED.description,
                status = EXCLUDED.status, priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank,
                channel = EXCLUDED.channel, assignee = EXCLUDED.assignee, group_name = EXCLUDED.group_name,
                requester_name = EXCLUDED.requester_name, requester_email = EXCLUDED.requester_email,
                requester_phone = EXCLUDED.requester_phone, customer_tier = EXCLUDED.customer_tier,
                tags = EXCLUDED.tags, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                resolution = EXCLUDED.resolution, merged_into = EXCLUDED.merged_into,
                sla_policy = EXCLUDED.sla_policy, first_response_due_at = EXCLUDED.first_response_due_at,
                next_response_due_at = EXCLUDED.next_response_due_at,
                resolution_due_at = EXCLUDED.resolution_due_at, sla_state = EXCLUDED.sla_state,
                escalation_level = EXCLUDED.escalation_level, due_at = EXCLUDED.due_at,
                sla_clocks = EXCLUDED.sla_clocks
            -- a second guard beside the projection's own check: a row never moves backwards
            WHERE ticket.version < EXCLUDED.version
            """;

    /** The queue's orders; every one ends on the id, so that pages never overlap. */
    public enum Order {
        DUE_AT("due_at ASC NULLS LAST, id ASC"),
        UPDATED_AT_DESC("updated_at DESC, id ASC"),
        PRIORITY_DESC("priority_rank DESC, due_at ASC NULLS LAST, id ASC");

        private final String orderBy;

        Order(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /**
     * What a queue search matches; an empty set or a null value does not filter.
     *
     * @param unassigned only tickets nobody is assigned to (then {@code assignee} is ignored)
     * @param text       matched literally, case-insensitively, in subject, description and the requester's fields
     */
    public record Filter(
            Set<TicketStatus> statuses,
            boolean unassigned,
            String assignee,
            String group,
            Set<Priority> priorities,
            Set<Channel> channels,
            String tag,
            String text,
            Set<SlaState> slaStates) {}

    /** One page of a search; {@code total} counts every matching row. */
    public record Page(List<TicketRow> rows, long total) {}

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    // The platform's stored form (ISO-8601 instants), not whatever the HTTP layer's mapper is set to.
    private final ObjectMapper json = PlatformJson.base();

    TicketTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    // ---- the projection's side

    @Override
    public Optional<TicketView> find(String ticketId) {
        return jdbc.query(ROW + " WHERE id = ?", this::view, ticketId).stream().findFirst();
    }

    @Override
    public Map<String, TicketView> findAll(Collection<String> ticketIds) {
        Map<String, TicketView> views = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(ROW + " WHERE id = ANY (?)");
                    statement.setArray(1, connection.createArrayOf("text", ticketIds.toArray()));
                    return statement;
                },
                rs -> {
                    TicketView view = view(rs, 0);
                    views.put(view.id(), view);
                });
        return views;
    }

    /**
     * The rows, the entries and the notifications in one round trip each. The notifications are delivered when the
     * transaction commits, to every instance (TicketUpdates); a rebuild into a fresh copy (supportdesk.replay set
     * by its transactions) stays silent: no reader sees that copy yet.
     */
    @Override
    public void saveAll(Collection<TicketView> views) {
        if (views.isEmpty()) {
            return;
        }
        List<TicketView> rows = List.copyOf(views);
        jdbc.batchUpdate(UPSERT, rows, rows.size(), this::setRow);
        List<Object[]> entries = new ArrayList<>();
        for (TicketView t : rows) {
            for (ConversationEntry entry : t.addedEntries()) {
                entries.add(new Object[] {t.id(), entry});
            }
        }
        if (!entries.isEmpty()) {
            jdbc.batchUpdate(
                    INSERT_ENTRY,
                    entries,
                    entries.size(),
                    (ps, entry) -> setEntry(ps, (String) entry[0], (ConversationEntry) entry[1]));
        }
        String[] payloads = rows.stream().map(t -> t.id() + " " + t.version()).toArray(String[]::new);
        jdbc.query(
                connection -> {
                    PreparedStatement statement =
                            connection.prepareStatement("SELECT pg_notify(?, payload) FROM unnest(?::text[]) AS payload"
                                    + " WHERE coalesce(current_setting('supportdesk.replay', true), '') <> 'on'");
                    statement.setString(1, UPDATES_CHANNEL);
                    statement.setArray(2, connection.createArrayOf("text", payloads));
                    return statement;
                },
                rs -> {});
    }

    private void setRow(PreparedStatement ps, TicketView t) throws SQLException {
        int i = 1;
        ps.setString(i++, storable(t.id()));
        ps.setLong(i++, t.version());
        ps.setString(i++, storable(t.subject()));
        ps.setString(i++, storable(t.description()));
        ps.setString(i++, t.status().name());
        ps.setString(i++, t.priority().name());
        ps.setInt(i++, t.priority().ordinal());
        ps.setString(i++, name(t.channel()));
        ps.setString(i++, storable(t.assignee()));
        ps.setString(i++, storable(t.group()));
        ps.setString(i++, t.requester() == null ? null : storable(t.requester().name()));
        ps.setString(i++, t.requester() == null ? null : storable(t.requester().email()));
        ps.setString(i++, t.requester() == null ? null : storable(t.requester().phone()));
        ps.setString(i++, name(t.customerTier()));
        ps.setArray(
                i++,
                ps.getConnection()
                        .createArrayOf(
                                "text",
                                t.tags().stream().map(TicketTable::storable).toArray()));
        ps.setObject(i++, timestamp(t.createdAt()));
        ps.setObject(i++, timestamp(t.updatedAt()));
        ps.setString(i++, storable(t.resolution()));
        ps.setString(i++, storable(t.mergedInto()));
        ps.setString(i++, storable(t.slaPolicy()));
        ps.setObject(i++, timestamp(t.dueAt(SlaMetric.FIRST_RESPONSE)));
        ps.setObject(i++, timestamp(t.dueAt(SlaMetric.NEXT_RESPONSE)));
        ps.setObject(i++, timestamp(t.dueAt(SlaMetric.RESOLUTION)));
        ps.setString(i++, t.slaState().name());
        ps.setInt(i++, t.escalationLevel());
        ps.setObject(i++, timestamp(t.earliestDueAt()));
        ps.setString(i, storable(write(t.clocks())));
    }

    private static void setEntry(PreparedStatement ps, String ticketId, ConversationEntry entry) throws SQLException {
        ps.setString(1, storable(ticketId));
        ps.setLong(2, entry.version());
        ps.setString(3, entry.kind().name());
        ps.setString(4, storable(entry.author()));
        ps.setObject(5, timestamp(entry.at()));
        ps.setString(6, storable(entry.body()));
    }

    // ---- the readers' side

    /** The ticket's row as the queue and the detail show it. */
    public Optional<TicketRow> row(String ticketId) {
        return jdbc.query(ROW + " WHERE id = ?", TicketTable::row, ticketId).stream()
                .findFirst();
    }

    /** The version the read model holds for a ticket, 0 when it has not seen the ticket yet. */
    public long version(String ticketId) {
        return jdbc.query("SELECT version FROM ticket WHERE id = ?", (rs, row) -> rs.getLong(1), ticketId).stream()
                .findFirst()
                .orElse(0L);
    }

    /** The ticket's replies, notes and customer messages in the order they happened. */
    public List<ConversationEntry> conversation(String ticketId) {
        return jdbc.query(
                """
                        SELECT version, kind, author, at, body FROM ticket_conversation
                        WHERE ticket_id = ? ORDER BY version""",
                (rs, row) -> new ConversationEntry(
                        rs.getLong("version"),
                        ConversationKind.valueOf(rs.getString("kind")),
                        rs.getString("author"),
                        instant(rs, "at"),
                        rs.getString("body")),
                ticketId);
    }

    /** The rows that match, in that order, {@code size} of them from row {@code page * size} on. */
    public Page search(Filter filter, Order order, int page, int size) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (!filter.statuses().isEmpty()) {
            where.add("status IN (:statuses)");
            params.addValue("statuses", names(filter.statuses()));
        }
        if (filter.unassigned()) {
            where.add("assignee IS NULL");
        } else if (filter.assignee() != null) {
            where.add("assignee = :assignee");
            params.addValue("assignee", filter.assignee());
        }
        if (filter.group() != null) {
            where.add("group_name = :group");
            params.addValue("group", filter.group());
        }
        if (!filter.priorities().isEmpty()) {
            where.add("priority IN (:priorities)");
            params.addValue("priorities", names(filter.priorities()));
        }
        if (!filter.channels().isEmpty()) {
            where.add("channel IN (:channels)");
            params.addValue("channels", names(filter.channels()));
        }
        if (filter.tag() != null) {
            // Containment, not "= ANY (tags)": only this form is answered by the GIN index on tags.
            where.add("tags @> ARRAY[CAST(:tag AS TEXT)]");
            params.addValue("tag", filter.tag());
        }
        if (filter.text() != null) {
            // subject, description and the requester's name, email and phone, joined (migration V9)
            where.add("search_text ILIKE :text");
            params.addValue("text", "%" + escapeLike(filter.text()) + "%");
        }
        if (!filter.slaStates().isEmpty()) {
            where.add("sla_state IN (:slaStates)");
            params.addValue("slaStates", names(filter.slaStates()));
        }
        String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Long total = named.queryForObject("SELECT COUNT(*) FROM ticket" + condition, params, Long.class);
        params.addValue("limit", size);
        params.addValue("offset", (long) page * size);
        List<TicketRow> rows = named.query(
                ROW + condition + " ORDER BY " + order.orderBy + " LIMIT :limit OFFSET :offset",
                params,
                TicketTable::row);
        return new Page(rows, total == null ? 0 : total);
    }

    // ---- rows and columns

    private TicketView view(ResultSet rs, int row) throws SQLException {
        Requester requester = rs.getString("requester_name") == null && rs.getString("requester_email") == null
                ? null
                : new Requester(
                        rs.getString("requester_name"),
                        rs.getString("requester_email"),
                        rs.getString("requester_phone"));
        return new TicketView(
                rs.getString("id"),
                rs.getLong("version"),
                rs.getString("subject"),
                rs.getString("description"),
                TicketStatus.valueOf(rs.getString("status")),
                Priority.valueOf(rs.getString("priority")),
                enumOrNull(Channel.class, rs.getString("channel")),
                rs.getString("assignee"),
                rs.getString("group_name"),
                requester,
                enumOrNull(CustomerTier.class, rs.getString("customer_tier")),
                tags(rs.getArray("tags")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("resolution"),
                rs.getString("merged_into"),
                rs.getString("sla_policy"),
                rs.getInt("escalation_level"),
                read(rs.getString("sla_clocks")));
    }

    private static TicketRow row(ResultSet rs, int row) throws SQLException {
        return new TicketRow(
                rs.getString("id"),
                rs.getLong("version"),
                rs.getString("subject"),
                rs.getString("description"),
                TicketStatus.valueOf(rs.getString("status")),
                Priority.valueOf(rs.getString("priority")),
                enumOrNull(Channel.class, rs.getString("channel")),
                rs.getString("assignee"),
                rs.getString("group_name"),
                rs.getString("requester_name"),
                rs.getString("requester_email"),
                rs.getString("requester_phone"),
                enumOrNull(CustomerTier.class, rs.getString("customer_tier")),
                tags(rs.getArray("tags")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("resolution"),
                rs.getString("merged_into"),
                rs.getString("sla_policy"),
                instant(rs, "first_response_due_at"),
                instant(rs, "next_response_due_at"),
                instant(rs, "resolution_due_at"),
                SlaState.valueOf(rs.getString("sla_state")),
                rs.getInt("escalation_level"));
    }

    /** PostgreSQL text cannot hold a NUL: it is kept as the six characters {@code \u0000}. */
    static String storable(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }

    /** The text is matched literally: LIKE's wildcards and its escape character lose their meaning. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private String write(Map<SlaMetric, SlaClock> clocks) {
        try {
            return json.writeValueAsString(clocks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA clocks cannot be written as JSON", e);
        }
    }

    private Map<SlaMetric, SlaClock> read(String clocks) {
        try {
            return clocks == null ? Map.of() : json.readValue(clocks, CLOCKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored SLA clocks are not readable", e);
        }
    }
}
