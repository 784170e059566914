package dev.supportdesk.contract;

/** The clocks an SLA policy sets targets for. */
public enum SlaMetric {
    FIRST_RESPONSE,
    NEXT_RESPONSE,
    RESOLUTION
}
