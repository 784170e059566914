package dev.supportdesk.contract;

/** What made a ticket escalate: a person, or an SLA clock passing its warning or its due instant. */
public enum EscalationTrigger {
    MANUAL,
    WARNING,
    BREACH
}
