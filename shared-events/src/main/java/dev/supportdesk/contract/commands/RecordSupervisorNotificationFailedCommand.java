package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by sla-monitor when a supervisor notification has failed its configured number of attempts; recorded once. */
public record RecordSupervisorNotificationFailedCommand(
        @TargetAggregateIdentifier String ticketId, String notificationId, int attempts, String error) {}
