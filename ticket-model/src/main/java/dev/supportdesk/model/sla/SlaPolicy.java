package dev.supportdesk.model.sla;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The targets an SLA policy sets for one ticket, as working time in its calendar.
 *
 * @param warnAtPercent share of a target after which sla-monitor warns (1..100)
 * @param targets       the metrics the policy measures; a metric without a target has no clock
 */
public record SlaPolicy(String name, String calendar, int warnAtPercent, Map<SlaMetric, Duration> targets) {

    public SlaPolicy {
        if (warnAtPercent < 1 || warnAtPercent > 100) {
            throw new IllegalArgumentException("warnAtPercent must be within 1..100: " + warnAtPercent);
        }
        targets = Map.copyOf(targets);
    }

    public Optional<Duration> target(SlaMetric metric) {
        return Optional.ofNullable(targets.get(metric));
    }

    /** The working time from a clock's start to its warning instant. */
    public Duration warnAfter(Duration target) {
        return target.multipliedBy(warnAtPercent).dividedBy(100);
    }
}
