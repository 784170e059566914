package dev.supportdesk.ticket.command.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.supportdesk.contract.events.SlaCalendarDefinedEvent;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaCalendarCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A business calendar of the SLA configuration: time zone, weekly working hours and holidays, each definition an
 * event with the ADMIN who made it; a definition equal to the current one stores nothing.
 */
@Aggregate
public class SlaCalendar {

    @AggregateIdentifier
    private String calendarId;

    private SlaCalendarDefinedEvent current;

    protected SlaCalendar() {
        // Axon rebuilds the calendar from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(DefineSlaCalendarCommand command) {
        SlaCalendarDefinedEvent defined = new SlaCalendarDefinedEvent(
                command.calendarId(), command.name(), command.timeZone(), command.workingHours(), command.holidays());
        if (!defined.equals(current)) {
            apply(defined);
        }
        Long sequence = AggregateLifecycle.getVersion();
        return sequence == null ? 0 : sequence + 1;
    }

    @EventSourcingHandler
    void on(SlaCalendarDefinedEvent event) {
        calendarId = event.calendarId();
        current = event;
    }
}
