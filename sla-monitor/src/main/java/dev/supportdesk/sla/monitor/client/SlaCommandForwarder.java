package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Handles the saga's commands locally by forwarding them to ticket-command, which owns the Ticket aggregate.
 * Anything but a 200 propagates to the saga's deadline handler as {@link SlaCommandNotDeliveredException}, so the
 * deadline fails and db-scheduler runs it again.
 */
class SlaCommandForwarder {

    private final TicketCommandClient client;

    SlaCommandForwarder(TicketCommandClient client) {
        this.client = client;
    }

    @CommandHandler
    void handle(RecordSlaWarningCommand command, @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        client.deliver(
                new SlaDelivery(PendingSlaCommand.Kind.WARNING, command.ticketId(), command.metric(), command.warnAt()),
                correlationId);
    }

    @CommandHandler
    void handle(RecordSlaBreachCommand command, @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        client.deliver(
                new SlaDelivery(PendingSlaCommand.Kind.BREACH, command.ticketId(), command.metric(), command.dueAt()),
                correlationId);
    }
}
