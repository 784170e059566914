package dev.supportdesk.contract;

/** Where a ticket stands in its lifecycle; CLOSED is final. */
public enum TicketStatus {
    NEW,
    OPEN,
    PENDING,
    RESOLVED,
    CLOSED
}
