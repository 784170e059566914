package dev.supportdesk.contract.events;

import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.contract.SlaTargets;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An ADMIN created or changed an SLA policy (stream {@code sla-policy:<name>}); it applies to tickets opened
 * after it, and re-activates a deactivated policy.
 *
 * @param webhookUrl the policy's own supervisor webhook, or null for the platform's
 */
@Revision("1")
public record SlaPolicyDefinedEvent(
        String policyId,
        String name,
        SlaPolicyMatch match,
        SlaTargets targets,
        int warnAtPercent,
        String calendar,
        List<EscalationStep> escalations,
        String webhookUrl) {}
