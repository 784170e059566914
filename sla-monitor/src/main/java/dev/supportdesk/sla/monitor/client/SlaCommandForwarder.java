package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;

/**
 * Handles the saga's commands locally by forwarding them to ticket-command, which owns the Ticket aggregate.
 * A failure propagates to the saga's deadline handler, so the deadline fails and db-scheduler runs it again.
 */
class SlaCommandForwarder {

    private final TicketCommandClient client;

    SlaCommandForwarder(TicketCommandClient client) {
        this.client = client;
    }

    @CommandHandler
    void handle(RecordSlaWarningCommand command, @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        client.post(command.ticketId(), "warnings", new WarningRequest(command.metric(), command.warnAt()),
                correlationId);
    }

    @CommandHandler
    void handle(RecordSlaBreachCommand command, @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        client.post(command.ticketId(), "breaches", new BreachRequest(command.metric(), command.dueAt()),
                correlationId);
    }

    /** Body of {@code POST /api/tickets/{id}/sla/warnings}. */
    record WarningRequest(SlaMetric metric, Instant warnAt) {
    }

    /** Body of {@code POST /api/tickets/{id}/sla/breaches}. */
    record BreachRequest(SlaMetric metric, Instant dueAt) {
    }
}
