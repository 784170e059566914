package dev.supportdesk.contract.events;

import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import org.axonframework.serialization.Revision;

/** The ticket went up one escalation level, by a supervisor or by an SLA clock; level counts from 1. */
@Revision("1")
public record TicketEscalatedEvent(
        String ticketId, int level, EscalationTrigger trigger, SlaMetric metric, String reason) {}
