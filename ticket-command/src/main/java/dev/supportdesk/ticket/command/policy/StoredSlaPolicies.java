package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.contract.SlaTargets;
import dev.supportdesk.contract.events.SlaCalendarDefinedEvent;
import dev.supportdesk.contract.events.SlaPolicyDefinedEvent;
import dev.supportdesk.model.sla.BusinessCalendar;
import dev.supportdesk.model.sla.CalendarDefinition;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.SlaPolicyMatching;
import dev.supportdesk.model.sla.SlaTicket;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.model.sla.WorkingCalendar;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.CalendarRow;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.PolicyRow;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA policies and calendars as committed in this service's tables (read in the command's own transaction,
 * so a change is in force from its 200), with the configured default policy for tickets no stored policy matches.
 * Matching (docs/ticket-command.md): among the active policies, those whose every set field equals the ticket's;
 * the one with most set fields wins, a tie goes to the most recently changed.
 */
class StoredSlaPolicies implements SlaPolicies {

    private final SlaPolicies defaults;
    private final SlaConfigurationTable table;
    private final WorkingCalendar twentyFourSeven = new TwentyFourSevenCalendar();

    StoredSlaPolicies(SlaPolicies defaults, SlaConfigurationTable table) {
        this.defaults = defaults;
        this.table = table;
    }

    @Override
    public SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel) {
        return resolve(new SlaTicket(priority, tier, channel), null);
    }

    @Override
    public SlaPolicy resolve(SlaTicket ticket, Long asOf) {
        return table.policiesAsOf(asOf).stream()
                .filter(PolicyRow::active)
                .filter(row -> matches(row.definition().match(), ticket))
                .max(Comparator.comparingInt(
                                (PolicyRow row) -> fields(row.definition().match()))
                        .thenComparingLong(PolicyRow::changeNo))
                .map(this::policy)
                .orElseGet(() -> defaults.resolve(ticket.priority(), ticket.customerTier(), ticket.channel()));
    }

    @Override
    public long currentChange() {
        return table.lastChange();
    }

    @Override
    public Optional<SlaPolicy> policy(String name, Long version) {
        if (version == null) {
            return Optional.empty();
        }
        return table.policy(name, version).map(this::policy);
    }

    @Override
    public WorkingCalendar calendar(String name) {
        return calendar(name, null);
    }

    @Override
    public WorkingCalendar calendar(String name, Long version) {
        if (TwentyFourSevenCalendar.NAME.equals(name)) {
            return twentyFourSeven;
        }
        return table.calendar(name, version == null || version == 0 ? null : version)
                .map(row -> (WorkingCalendar) new BusinessCalendar(definition(row.definition())))
                .orElseThrow(() -> new IllegalArgumentException("Unknown calendar " + name));
    }

    /** The current version of a calendar: 0 for {@code 24x7}. */
    long calendarVersion(String name) {
        if (TwentyFourSevenCalendar.NAME.equals(name)) {
            return 0;
        }
        return table.calendar(name, null).map(CalendarRow::version).orElse(0L);
    }

    static CalendarDefinition definition(SlaCalendarDefinedEvent event) {
        return CalendarDefinition.parse(event.name(), event.timeZone(), event.workingHours(), event.holidays());
    }

    private SlaPolicy policy(PolicyRow row) {
        SlaPolicyDefinedEvent definition = row.definition();
        Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        SlaTargets configured = definition.targets();
        targets.put(SlaMetric.FIRST_RESPONSE, configured.firstResponse());
        if (configured.nextResponse() != null) {
            targets.put(SlaMetric.NEXT_RESPONSE, configured.nextResponse());
        }
        targets.put(SlaMetric.RESOLUTION, configured.resolution());
        return new SlaPolicy(
                definition.name(),
                definition.calendar(),
                definition.warnAtPercent(),
                targets,
                row.version(),
                calendarVersion(definition.calendar()),
                definition.escalations(),
                definition.webhookUrl());
    }

    static boolean matches(SlaPolicyMatch match, SlaTicket ticket) {
        return SlaPolicyMatching.matches(match, ticket);
    }

    private static int fields(SlaPolicyMatch match) {
        return SlaPolicyMatching.specificity(match);
    }
}
