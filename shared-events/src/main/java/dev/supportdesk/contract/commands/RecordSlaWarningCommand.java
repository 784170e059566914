package dev.supportdesk.contract.commands;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by sla-monitor when a clock passes its warning instant; ignored unless that clock still warns then. */
public record RecordSlaWarningCommand(
        @TargetAggregateIdentifier String ticketId, SlaMetric metric, Instant warnAt) {}
