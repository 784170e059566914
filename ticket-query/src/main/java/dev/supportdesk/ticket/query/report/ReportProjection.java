package dev.supportdesk.ticket.query.report;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the reports' facts ({@code report_ticket}, {@code report_open_span}, and the SLA timeline
 * {@code report_sla_step} the what-if replays) from the ticket events, apart from the ticket read model, with a
 * consumer of its own. The consumer hands each ticket's events over in version
 * order once; every write is guarded by the version all the same (a second guard, as in the ticket projection),
 * so applying an event twice changes nothing. The ticket version is {@code @SequenceNumber + 1}.
 */
@Component
@ProcessingGroup(ReportProjection.PROCESSING_GROUP)
class ReportProjection {

    static final String PROCESSING_GROUP = "ticket-reports";

    private static final String MET = "MET";
    private static final String BREACHED = "BREACHED";

    private final JdbcTemplate jdbc;

    ReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketOpenedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        int inserted = jdbc.update(
                """
                INSERT INTO report_ticket (ticket_id, version, opened_at, channel, priority, customer_tier)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
                e.ticketId(),
                sequence + 1,
                at.atOffset(ZoneOffset.UTC),
                e.channel().name(),
                e.priority().name(),
                e.customerTier() == null ? null : e.customerTier().name());
        if (inserted == 1) {
            openSpan(e.ticketId(), sequence + 1, at);
        }
        step(e.ticketId(), sequence, at, SlaStepKind.OPENED, e.priority().name());
    }

    @EventHandler
    void on(TicketAssignedEvent e, @SequenceNumber long sequence) {
        // An assignment names an assignee, a group or both; what it leaves out stays as it was.
        update(
                e.ticketId(),
                sequence,
                "assignee = COALESCE(?, assignee), group_name = COALESCE(?, group_name)",
                e.assignee(),
                e.group());
    }

    @EventHandler
    void on(TicketPriorityChangedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, "priority = ?", e.priority().name())) {
            step(
                    e.ticketId(),
                    sequence,
                    at,
                    SlaStepKind.PRIORITY_CHANGED,
                    e.priority().name());
        }
    }

    @EventHandler
    void on(PublicReplyPostedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            step(e.ticketId(), sequence, at, SlaStepKind.PUBLIC_REPLY, null);
        }
    }

    @EventHandler
    void on(CustomerMessageReceivedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            step(e.ticketId(), sequence, at, SlaStepKind.CUSTOMER_MESSAGE, null);
        }
    }

    @EventHandler
    void on(TicketMarkedPendingEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            step(e.ticketId(), sequence, at, SlaStepKind.PENDING, null);
        }
    }

    @EventHandler
    void on(TicketResumedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            step(e.ticketId(), sequence, at, SlaStepKind.RESUMED, null);
        }
    }

    @EventHandler
    void on(TicketResolvedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            endSpan(e.ticketId(), at, "RESOLVED");
            step(e.ticketId(), sequence, at, SlaStepKind.RESOLVED, null);
        }
    }

    @EventHandler
    void on(TicketMergedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            endSpan(e.ticketId(), at, "MERGED");
            step(e.ticketId(), sequence, at, SlaStepKind.MERGED, null);
        }
    }

    @EventHandler
    void on(TicketReopenedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (update(e.ticketId(), sequence, null)) {
            openSpan(e.ticketId(), sequence + 1, at);
            step(e.ticketId(), sequence, at, SlaStepKind.REOPENED, null);
        }
    }

    /** A breach is never undone: the metric counts as breached even when its clock stops later. */
    @EventHandler
    void on(SlaClockBreachedEvent e, @SequenceNumber long sequence) {
        String column = outcomeColumn(e.metric());
        if (column != null) {
            update(e.ticketId(), sequence, column + " = ?", BREACHED);
        }
    }

    /**
     * The working time the clock used, as the SLA counted it (a reopened ticket's resolution clock starts from zero:
     * the last stop counts); the outcome is MET unless the metric breached before.
     */
    @EventHandler
    void on(SlaClockMetEvent e, @SequenceNumber long sequence) {
        String column = outcomeColumn(e.metric());
        if (column == null) {
            return;
        }
        String minutes = column.replace("_outcome", "_minutes");
        BigDecimal elapsed = e.elapsed() == null
                ? null
                : BigDecimal.valueOf(e.elapsed().toMillis())
                        .divide(BigDecimal.valueOf(60_000), 4, RoundingMode.HALF_UP);
        update(
                e.ticketId(),
                sequence,
                column + " = CASE WHEN " + column + " = '" + BREACHED + "' THEN " + column + " ELSE ? END, " + minutes
                        + " = ?",
                MET,
                elapsed);
    }

    private static String outcomeColumn(SlaMetric metric) {
        return switch (metric) {
            case FIRST_RESPONSE -> "first_response_outcome";
            case RESOLUTION -> "resolution_outcome";
            case NEXT_RESPONSE -> null;
        };
    }

    /**
     * Applies the change ({@code set}, null: only the version moves) when the row has not seen this version yet;
     * false when it had (a duplicate).
     */
    private boolean update(String ticketId, long sequence, String set, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence + 1;
        arguments[values.length + 1] = ticketId;
        arguments[values.length + 2] = sequence + 1;
        int updated = jdbc.update(
                "UPDATE report_ticket SET " + (set == null ? "" : set + ", ")
                        + "version = ? WHERE ticket_id = ? AND version < ?",
                arguments);
        if (updated == 0 && !exists(ticketId)) {
            // Never skipped quietly: the consumer parks the event, visible on GET /api/admin/projections.
            throw new IllegalStateException(
                    "Ticket " + ticketId + " has no report row: its version " + (sequence + 1) + " cannot be applied");
        }
        return updated == 1;
    }

    private boolean exists(String ticketId) {
        return !jdbc.queryForList("SELECT 1 FROM report_ticket WHERE ticket_id = ?", ticketId)
                .isEmpty();
    }

    private void openSpan(String ticketId, long version, Instant at) {
        jdbc.update("""
                INSERT INTO report_open_span (ticket_id, version, started_at) VALUES (?, ?, ?)
                ON CONFLICT (ticket_id, version) DO NOTHING""", ticketId, version, at.atOffset(ZoneOffset.UTC));
    }

    /** One step of the ticket's SLA timeline, at the event's version: stored once however often it is applied. */
    private void step(String ticketId, long sequence, Instant at, SlaStepKind kind, String priority) {
        jdbc.update("""
                INSERT INTO report_sla_step (ticket_id, version, at, kind, priority) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id, version) DO NOTHING""", ticketId, sequence + 1, at.atOffset(ZoneOffset.UTC), kind.name(), priority);
    }

    private void endSpan(String ticketId, Instant at, String kind) {
        jdbc.update(
                "UPDATE report_open_span SET ended_at = ?, end_kind = ? WHERE ticket_id = ? AND ended_at IS NULL",
                at.atOffset(ZoneOffset.UTC),
                kind,
                ticketId);
    }
}
