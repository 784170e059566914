package dev.supportdesk.contract.commands;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by sla-monitor when a supervisor notification's webhook answered 2xx; recorded once per notification. */
public record RecordSupervisorNotificationDeliveredCommand(
        @TargetAggregateIdentifier String ticketId, String notificationId, int attempts, Instant deliveredAt) {}
