package dev.supportdesk.ticket.query.queue;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;

/** Runs queue queries against the ticket rows. */
@Repository
class TicketQueue {

    private final NamedParameterJdbcTemplate jdbc;

    TicketQueue(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    QueuePage find(QueueQuery query) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (!query.statuses().isEmpty()) {
            where.add("status IN (:statuses)");
            params.addValue("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.assignee() != null) {
            if (query.assignee().unassigned()) {
                where.add("assignee IS NULL");
            } else {
                where.add("assignee = :assignee");
                params.addValue("assignee", query.assignee().name());
            }
        }
        if (query.group() != null) {
            where.add("group_name = :group");
            params.addValue("group", query.group());
        }
        if (!query.priorities().isEmpty()) {
            where.add("priority IN (:priorities)");
            params.addValue("priorities", query.priorities().stream().map(Enum::name).toList());
        }
        if (!query.channels().isEmpty()) {
            where.add("channel IN (:channels)");
            params.addValue("channels", query.channels().stream().map(Enum::name).toList());
        }
        if (query.tag() != null) {
            where.add("CAST(:tag AS TEXT) = ANY (tags)");
            params.addValue("tag", query.tag());
        }
        if (query.text() != null) {
            where.add("(subject ILIKE :text OR description ILIKE :text OR requester_name ILIKE :text"
                    + " OR requester_email ILIKE :text OR requester_phone ILIKE :text)");
            params.addValue("text", "%" + escapeLike(query.text()) + "%");
        }
        if (!query.slaStates().isEmpty()) {
            where.add("sla_state IN (:slaStates)");
            params.addValue("slaStates", List.copyOf(query.slaStates()));
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM ticket" + filter, params, Long.class);
        params.addValue("limit", query.size());
        params.addValue("offset", (long) query.page() * query.size());
        List<QueueItem> items = jdbc.query("SELECT * FROM ticket" + filter + " ORDER BY " + query.sort().orderBy
                + " LIMIT :limit OFFSET :offset", params, QueueItemRowMapper.INSTANCE);
        return new QueuePage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    /** The text is matched literally: LIKE's wildcards and its escape character lose their meaning. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
