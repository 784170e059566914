package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** An ADMIN deactivated an SLA policy: it matches no ticket opened later; tickets opened before keep it. */
@Revision("1")
public record SlaPolicyDeactivatedEvent(String policyId, String name) {}
