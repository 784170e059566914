package dev.supportdesk.ticket.command.history;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.model.view.SlaClock;
import dev.supportdesk.model.view.TicketView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tickets/{id}/as-of}: the detail shape of {@code GET /api/tickets/{id}} (docs/api.md, Queries) as
 * the ticket was at {@code asOf}, plus {@code asOfVersion} (the version of its last event at or before it) and, in
 * the SLA block, every clock as it then stood.
 */
record TicketAsOfView(
        String id,
        String subject,
        String description,
        String status,
        String priority,
        String channel,
        String assignee,
        String group,
        Requester requester,
        String customerTier,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String resolution,
        String mergedInto,
        Sla sla,
        List<ConversationItem> conversation,
        Instant asOf,
        long asOfVersion) {

    record Requester(String name, String email, String phone) {}

    record Sla(
            String policy,
            Instant firstResponseDueAt,
            Instant nextResponseDueAt,
            Instant resolutionDueAt,
            String state,
            int escalationLevel,
            Map<String, Clock> clocks) {}

    /** One SLA clock: {@code state} RUNNING, PAUSED, MET or CANCELLED; due and warning instants only while running. */
    record Clock(String state, Instant dueAt, Instant warnAt, boolean atRisk, boolean breached) {}

    record ConversationItem(String kind, String author, Instant at, String body, long version) {}

    static TicketAsOfView of(TicketView t, Instant asOf) {
        Map<String, Clock> clocks = new LinkedHashMap<>();
        for (SlaMetric metric : SlaMetric.values()) {
            SlaClock c = t.clocks().get(metric);
            if (c != null) {
                clocks.put(metric.name(), new Clock(c.state().name(), c.dueAt(), c.warnAt(), c.atRisk(), c.breached()));
            }
        }
        Sla sla = new Sla(
                t.slaPolicy(),
                t.dueAt(SlaMetric.FIRST_RESPONSE),
                t.dueAt(SlaMetric.NEXT_RESPONSE),
                t.dueAt(SlaMetric.RESOLUTION),
                t.slaState().name(),
                t.escalationLevel(),
                clocks);
        var requester = t.requester() == null
                ? new Requester(null, null, null)
                : new Requester(
                        t.requester().name(),
                        t.requester().email(),
                        t.requester().phone());
        List<ConversationItem> conversation = t.addedEntries().stream()
                .map(e -> new ConversationItem(e.kind().name(), e.author(), e.at(), e.body(), e.version()))
                .toList();
        return new TicketAsOfView(
                t.id(),
                t.subject(),
                t.description(),
                name(t.status()),
                name(t.priority()),
                name(t.channel()),
                t.assignee(),
                t.group(),
                requester,
                name(t.customerTier()),
                t.tags(),
                t.createdAt(),
                t.updatedAt(),
                t.version(),
                t.resolution(),
                t.mergedInto(),
                sla,
                conversation,
                asOf,
                t.version());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
