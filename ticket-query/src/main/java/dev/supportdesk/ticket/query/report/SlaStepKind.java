package dev.supportdesk.ticket.query.report;

/**
 * The ticket events that move SLA clocks, as the report projection keeps them in {@code report_sla_step} for the
 * what-if: each is one of the Ticket aggregate's SLA decisions (open, reply, customer message, pending, resume,
 * priority change, resolve, reopen, merge).
 */
public enum SlaStepKind {
    OPENED,
    PRIORITY_CHANGED,
    PUBLIC_REPLY,
    CUSTOMER_MESSAGE,
    PENDING,
    RESUMED,
    RESOLVED,
    REOPENED,
    MERGED
}
