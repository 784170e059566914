package dev.supportdesk.contract;

/** What an SLA policy matches tickets by; a null field matches anything. */
public record SlaPolicyMatch(Priority priority, CustomerTier customerTier, Channel channel) {}
