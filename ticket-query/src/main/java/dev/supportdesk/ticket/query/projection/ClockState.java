package dev.supportdesk.ticket.query.projection;

/** Where one SLA clock of a ticket stands. Only a RUNNING clock has a due instant. */
enum ClockState {
    RUNNING,
    PAUSED,
    MET,
    CANCELLED
}
