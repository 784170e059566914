package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;

/** One warning or breach to record in ticket-command, and the request that records it. */
record SlaDelivery(PendingSlaCommand.Kind kind, String ticketId, SlaMetric metric, Instant at) {

    /** The last path segment: {@code /api/tickets/{id}/sla/warnings} or {@code .../breaches}. */
    String resource() {
        return kind == PendingSlaCommand.Kind.WARNING ? "warnings" : "breaches";
    }

    Object body() {
        return kind == PendingSlaCommand.Kind.WARNING ? new WarningRequest(metric, at) : new BreachRequest(metric, at);
    }

    /** Body of {@code POST /api/tickets/{id}/sla/warnings}. */
    record WarningRequest(SlaMetric metric, Instant warnAt) {}

    /** Body of {@code POST /api/tickets/{id}/sla/breaches}. */
    record BreachRequest(SlaMetric metric, Instant dueAt) {}
}
