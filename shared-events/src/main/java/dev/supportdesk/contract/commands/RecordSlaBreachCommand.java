package dev.supportdesk.contract.commands;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by sla-monitor when a clock passes its due instant; ignored unless that clock is still due then. */
public record RecordSlaBreachCommand(
        @TargetAggregateIdentifier String ticketId, SlaMetric metric, Instant dueAt) {}
