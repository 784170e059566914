package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.contract.events.SlaCalendarDefinedEvent;
import dev.supportdesk.contract.events.SlaPolicyDefinedEvent;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.CalendarRow;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.PolicyRow;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DeactivateSlaPolicyCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaCalendarCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaPolicyCommand;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The SLA configuration's application service: each change runs the aggregate's command and, when it stored an
 * event, writes the new version to {@link SlaConfigurationTable} in the same transaction, so that the next ticket
 * opened after the answer resolves it. Changes are serialised by one lock: they are rare, and their numbers then
 * follow the commit order.
 */
@Service
class SlaConfigurations {

    private final CommandGateway gateway;
    private final TransactionOperations transactions;
    private final SlaConfigurationTable table;
    private final Clock clock;

    SlaConfigurations(
            CommandGateway gateway, TransactionOperations transactions, SlaConfigurationTable table, Clock clock) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.table = table;
        this.clock = clock;
    }

    PolicyRow definePolicy(DefineSlaPolicyCommand command) {
        return transactions.execute(status -> {
            table.lockForChange();
            long before =
                    table.policy(command.name(), null).map(PolicyRow::version).orElse(0L);
            long version = send(command);
            if (version != before) {
                table.addPolicy(
                        version,
                        true,
                        new SlaPolicyDefinedEvent(
                                command.policyId(),
                                command.name(),
                                command.match(),
                                command.targets(),
                                command.warnAtPercent(),
                                command.calendar(),
                                command.escalations(),
                                command.webhookUrl()),
                        clock.instant(),
                        Actor.current().name());
            }
            return table.policy(command.name(), null).orElseThrow();
        });
    }

    /** Empty when no such policy exists. */
    Optional<PolicyRow> deactivatePolicy(String name) {
        return transactions.execute(status -> {
            table.lockForChange();
            Optional<PolicyRow> before = table.policy(name, null);
            if (before.isEmpty()) {
                return Optional.<PolicyRow>empty();
            }
            long version = send(new DeactivateSlaPolicyCommand(SlaPolicyCommands.policyId(name)));
            if (version != before.get().version()) {
                table.addPolicy(
                        version,
                        false,
                        before.get().definition(),
                        clock.instant(),
                        Actor.current().name());
            }
            return table.policy(name, null);
        });
    }

    CalendarRow defineCalendar(DefineSlaCalendarCommand command) {
        return transactions.execute(status -> {
            table.lockForChange();
            long before = table.calendar(command.name(), null)
                    .map(CalendarRow::version)
                    .orElse(0L);
            long version = send(command);
            if (version != before) {
                table.addCalendar(
                        version,
                        new SlaCalendarDefinedEvent(
                                command.calendarId(),
                                command.name(),
                                command.timeZone(),
                                command.workingHours(),
                                command.holidays()),
                        clock.instant(),
                        Actor.current().name());
            }
            return table.calendar(command.name(), null).orElseThrow();
        });
    }

    List<PolicyRow> policies() {
        return table.policiesAsOf(null);
    }

    List<CalendarRow> calendars() {
        return table.calendars();
    }

    boolean calendarExists(String name) {
        return table.calendar(name, null).isPresent();
    }

    private long send(Object command) {
        return ((Number) gateway.sendAndWait(command)).longValue();
    }
}
