package dev.supportdesk.contract.events;

import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An escalation step asked for the supervisors of the ticket's group to be told. sla-monitor sends the webhook
 * and records its delivery, or its failure, with the same {@code notificationId}.
 *
 * @param notificationId unique per ticket, metric, stage and clock run; the webhook carries it so that a
 *     receiver can drop a repeated delivery
 * @param webhookUrl     the policy's own webhook, or null for the platform's configured one
 */
@Revision("1")
public record SupervisorNotificationRequestedEvent(
        String ticketId,
        String notificationId,
        SlaMetric metric,
        EscalationTrigger stage,
        String group,
        List<String> supervisors,
        String webhookUrl) {}
