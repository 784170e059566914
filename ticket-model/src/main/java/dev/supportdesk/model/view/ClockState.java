package dev.supportdesk.model.view;

/** Where one SLA clock of a ticket stands. Only a RUNNING clock has a due instant. */
public enum ClockState {
    RUNNING,
    PAUSED,
    MET,
    CANCELLED
}
