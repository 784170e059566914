package dev.supportdesk.model.view;

/** The {@code sla.state} of a ticket, derived from its clocks and status (docs/api.md, Queries). */
public enum SlaState {
    ON_TRACK,
    AT_RISK,
    BREACHED,
    PAUSED,
    MET
}
