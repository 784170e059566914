package dev.supportdesk.ticket.command.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.supportdesk.contract.events.SlaPolicyDeactivatedEvent;
import dev.supportdesk.contract.events.SlaPolicyDefinedEvent;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DeactivateSlaPolicyCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaPolicyCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An SLA policy (docs/ticket-command.md, "SLA policies and calendars"): its definitions and deactivations, each an
 * event with the ADMIN who made it. Handlers answer the policy's version after them; a change that changes
 * nothing stores nothing, so a repeated PUT keeps the version.
 */
@Aggregate
public class SlaPolicy {

    @AggregateIdentifier
    private String policyId;

    private SlaPolicyDefinedEvent current;
    private boolean active;

    protected SlaPolicy() {
        // Axon rebuilds the policy from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(DefineSlaPolicyCommand command) {
        SlaPolicyDefinedEvent defined = new SlaPolicyDefinedEvent(
                command.policyId(),
                command.name(),
                command.match(),
                command.targets(),
                command.warnAtPercent(),
                command.calendar(),
                command.escalations(),
                command.webhookUrl());
        if (!active || !defined.equals(current)) {
            apply(defined);
        }
        return version();
    }

    @CommandHandler
    long handle(DeactivateSlaPolicyCommand command) {
        if (active) {
            apply(new SlaPolicyDeactivatedEvent(policyId, current.name()));
        }
        return version();
    }

    private static long version() {
        Long sequence = AggregateLifecycle.getVersion();
        return sequence == null ? 0 : sequence + 1;
    }

    @EventSourcingHandler
    void on(SlaPolicyDefinedEvent event) {
        policyId = event.policyId();
        current = event;
        active = true;
    }

    @EventSourcingHandler
    void on(SlaPolicyDeactivatedEvent event) {
        active = false;
    }
}
