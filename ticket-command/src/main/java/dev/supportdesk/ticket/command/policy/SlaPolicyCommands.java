package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.contract.SlaTargets;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the SLA configuration's aggregates: only this service sends them, so they are its own. */
final class SlaPolicyCommands {

    private SlaPolicyCommands() {}

    /** Creates the policy or changes it; a definition equal to the current one stores nothing. */
    record DefineSlaPolicyCommand(
            @TargetAggregateIdentifier String policyId,
            String name,
            SlaPolicyMatch match,
            SlaTargets targets,
            int warnAtPercent,
            String calendar,
            List<EscalationStep> escalations,
            String webhookUrl) {}

    record DeactivateSlaPolicyCommand(
            @TargetAggregateIdentifier String policyId) {}

    /** Creates the calendar or changes it; a definition equal to the current one stores nothing. */
    record DefineSlaCalendarCommand(
            @TargetAggregateIdentifier String calendarId,
            String name,
            String timeZone,
            Map<String, List<String>> workingHours,
            List<String> holidays) {}

    static String policyId(String name) {
        return "sla-policy:" + name;
    }

    static String calendarId(String name) {
        return "sla-calendar:" + name;
    }
}
