package dev.supportdesk.platform.security;

import java.util.List;

/** A team of agents, such as tier1, with the supervisors who answer for it. */
public record SupportGroup(String name, List<String> supervisors) {}
