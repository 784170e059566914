package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** sla-monitor saw a running clock pass its warning instant; the ticket is AT_RISK. */
@Revision("1")
public record SlaClockAtRiskEvent(String ticketId, SlaMetric metric, Instant warnAt) {}
