package dev.supportdesk.contract.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Wait on the customer; the SLA clocks pause. */
public record MarkTicketPendingCommand(
        @TargetAggregateIdentifier String ticketId, String reason, Long expectedVersion) {}
