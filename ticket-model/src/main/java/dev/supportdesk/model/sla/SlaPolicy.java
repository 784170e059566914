package dev.supportdesk.model.sla;

import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The targets an SLA policy sets for one ticket, as working time in its calendar.
 *
 * @param warnAtPercent   share of a target after which sla-monitor warns (1..100)
 * @param targets         the metrics the policy measures; a metric without a target has no clock
 * @param version         the version of the policy's stream (0: the configured default policy)
 * @param calendarVersion the version of its calendar in force when the policy was resolved (0: {@code 24x7})
 * @param escalations     the ladder run at warnings and breaches of its clocks
 * @param webhookUrl      the policy's own supervisor webhook, or null
 */
public record SlaPolicy(
        String name,
        String calendar,
        int warnAtPercent,
        Map<SlaMetric, Duration> targets,
        long version,
        long calendarVersion,
        List<EscalationStep> escalations,
        String webhookUrl) {

    public SlaPolicy {
        if (warnAtPercent < 1 || warnAtPercent > 100) {
            throw new IllegalArgumentException("warnAtPercent must be within 1..100: " + warnAtPercent);
        }
        targets = Map.copyOf(targets);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
    }

    /** A policy without a ladder, on version 0 of its calendar. */
    public SlaPolicy(String name, String calendar, int warnAtPercent, Map<SlaMetric, Duration> targets) {
        this(name, calendar, warnAtPercent, targets, 0, 0, List.of(), null);
    }

    public Optional<Duration> target(SlaMetric metric) {
        return Optional.ofNullable(targets.get(metric));
    }

    /** The working time from a clock's start to its warning instant. */
    public Duration warnAfter(Duration target) {
        return target.multipliedBy(warnAtPercent).dividedBy(100);
    }

    /** The ladder's steps for a clock of {@code metric} reaching {@code stage}, in the order the policy lists them. */
    public List<EscalationStep> stepsAt(EscalationTrigger stage, SlaMetric metric) {
        return escalations.stream()
                .filter(step -> step.at() == stage)
                .filter(step -> step.metric() == null || step.metric() == metric)
                .toList();
    }
}
