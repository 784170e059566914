package dev.supportdesk.contract;

/** The service level bought by the customer; SLA policies may match on it. */
public enum CustomerTier {
    STANDARD,
    PREMIUM
}
