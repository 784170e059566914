package dev.supportdesk.ticket.command.sla;

import dev.supportdesk.contract.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.sla.*}: the warning share and the default policy's targets per priority (ISO durations, so that
 * tests and demos can use seconds). The values are in application.yml.
 *
 * @param warnAtPercent share of a target after which sla-monitor warns ({@code SLA_WARN_AT_PERCENT}, 1..100)
 */
@ConfigurationProperties("support.sla")
public record SlaProperties(int warnAtPercent, DefaultPolicy defaultPolicy) {

    static final String PREFIX = "support.sla.";

    public SlaProperties {
        if (warnAtPercent < 1 || warnAtPercent > 100) {
            throw new IllegalArgumentException(
                    PREFIX + "warn-at-percent (SLA_WARN_AT_PERCENT) must be within 1..100: " + warnAtPercent);
        }
        if (defaultPolicy == null) {
            throw new IllegalArgumentException(PREFIX + "default-policy.targets must be set for every priority");
        }
    }

    /** @param targets one entry per priority: first response and resolution always, next response where set */
    public record DefaultPolicy(Map<Priority, Targets> targets) {

        public DefaultPolicy {
            Map<Priority, Targets> checked = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                Targets target = targets == null ? null : targets.get(priority);
                String key = PREFIX + "default-policy.targets." + priority.name() + ".";
                if (target == null) {
                    throw new IllegalArgumentException(key.substring(0, key.length() - 1) + " is missing");
                }
                positive(target.firstResponse(), key + "first-response");
                if (target.nextResponse() != null) {
                    positive(target.nextResponse(), key + "next-response");
                }
                positive(target.resolution(), key + "resolution");
                checked.put(priority, target);
            }
            targets = Map.copyOf(checked);
        }

        private static void positive(Duration target, String key) {
            if (target == null || target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration: " + target);
            }
        }
    }

    /** @param nextResponse null: the policy runs no next-response clock for that priority */
    public record Targets(Duration firstResponse, Duration nextResponse, Duration resolution) {}
}
