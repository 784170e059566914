package dev.supportdesk.ticket.query.whatif;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.query.report.SlaStepKind;
import dev.supportdesk.ticket.query.whatif.WhatIfReport.Change;
import dev.supportdesk.ticket.query.whatif.WhatIfReport.ChangedTicket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers what-if questions over the report projection's facts: reads the tickets opened in the window with their SLA
 * timelines (one pass, streamed in ticket order, never all at once), replays each under the question's policies with
 * {@link SlaReplay}, and adds up the contracted and the recomputed outcomes per group. It only reads, in one
 * repeatable-read transaction, so both sides see the same tickets and nothing stored changes.
 */
@Service
class WhatIfs {

    /** groupBy and the column of {@code report_ticket} it groups by, as the SLA report's. */
    private static final Map<String, String> GROUP_COLUMNS = Map.of(
            "priority", "priority",
            "channel", "channel",
            "tier", "customer_tier",
            "assignee", "assignee",
            "group", "group_name");

    private static final int FETCH_SIZE = 2000;

    private final JdbcTemplate jdbc;
    private final WhatIfProperties properties;

    WhatIfs(DataSource dataSource, WhatIfProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        // a cursor (inside the transaction) rather than the whole result in memory
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.properties = properties;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public WhatIfReport answer(WhatIfQuestion question, Instant now) {
        Object from = question.from().atOffset(ZoneOffset.UTC);
        Object to = question.to().atOffset(ZoneOffset.UTC);
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM report_ticket WHERE opened_at >= ? AND opened_at < ?", Long.class, from, to);
        if (count != null && count > properties.maxTickets()) {
            throw ApiProblem.badRequest(
                    "to",
                    "the window holds " + count + " tickets; a what-if recomputes at most " + properties.maxTickets()
                            + ": narrow from and to");
        }
        Groups groups = new Groups(question, now);
        String column = GROUP_COLUMNS.get(question.groupBy());
        jdbc.query(
                "SELECT t.ticket_id, t." + column + " AS group_key, t.channel, t.customer_tier,"
                        + " t.first_response_outcome, t.first_response_minutes, t.resolution_outcome,"
                        + " t.resolution_minutes, s.version, s.at, s.kind, s.priority"
                        + " FROM report_ticket t LEFT JOIN report_sla_step s ON s.ticket_id = t.ticket_id"
                        + " WHERE t.opened_at >= ? AND t.opened_at < ?"
                        + " ORDER BY t.ticket_id, s.version",
                groups::row,
                from,
                to);
        groups.flush();
        return groups.report();
    }

    /** The running sums per group key, fed one result row at a time; a ticket is done when the next one starts. */
    private final class Groups {

        private final WhatIfQuestion question;
        private final Instant now;
        private final Map<String, Group> byKey = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        private TicketTimeline current;
        private long tickets;
        private long changed;
        private long withoutTimeline;

        Groups(WhatIfQuestion question, Instant now) {
            this.question = question;
            this.now = now;
        }

        void row(ResultSet rs) throws SQLException {
            String id = rs.getString("ticket_id");
            if (current == null || !current.ticketId().equals(id)) {
                flush();
                String tier = rs.getString("customer_tier");
                current = new TicketTimeline(
                        id,
                        rs.getString("group_key"),
                        Channel.valueOf(rs.getString("channel")),
                        tier == null ? null : CustomerTier.valueOf(tier),
                        new Outcomes(
                                rs.getString("first_response_outcome"),
                                rs.getBigDecimal("first_response_minutes"),
                                rs.getString("resolution_outcome"),
                                rs.getBigDecimal("resolution_minutes"),
                                null),
                        new ArrayList<>());
            }
            String kind = rs.getString("kind");
            if (kind != null) {
                String priority = rs.getString("priority");
                current.steps()
                        .add(new TicketTimeline.Step(
                                rs.getLong("version"),
                                rs.getTimestamp("at").toInstant(),
                                SlaStepKind.valueOf(kind),
                                priority == null ? null : Priority.valueOf(priority)));
            }
        }

        void flush() {
            if (current == null) {
                return;
            }
            TicketTimeline ticket = current;
            current = null;
            tickets++;
            if (ticket.steps().isEmpty() || ticket.steps().get(0).kind() != SlaStepKind.OPENED) {
                withoutTimeline++;
            }
            Outcomes whatIf = SlaReplay.replay(ticket, question.policies(), now);
            Group group = byKey.computeIfAbsent(ticket.groupKey(), key -> new Group());
            group.contracted.add(ticket.contracted());
            group.whatIf.add(whatIf);
            if (whatIf.differsFrom(ticket.contracted())) {
                changed++;
                group.changed++;
                if (group.sample.size() < properties.sampleSize()) {
                    group.sample.add(new ChangedTicket(
                            ticket.ticketId(),
                            whatIf.policy(),
                            new Change(ticket.contracted().firstResponse(), whatIf.firstResponse()),
                            new Change(ticket.contracted().resolution(), whatIf.resolution())));
                }
            }
        }

        WhatIfReport report() {
            List<WhatIfReport.Row> rows = new ArrayList<>();
            byKey.forEach((key, group) -> rows.add(new WhatIfReport.Row(
                    key,
                    group.contracted.figures(),
                    group.whatIf.figures(),
                    group.changed,
                    List.copyOf(group.sample))));
            return new WhatIfReport(
                    question.from(),
                    question.to(),
                    question.groupBy(),
                    question.policyNames(),
                    tickets,
                    changed,
                    withoutTimeline,
                    rows);
        }
    }

    private static final class Group {
        private final SlaFigures.Sum contracted = new SlaFigures.Sum();
        private final SlaFigures.Sum whatIf = new SlaFigures.Sum();
        private final List<ChangedTicket> sample = new ArrayList<>();
        private long changed;
    }
}
