package dev.supportdesk.ticket.command.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The policies of this issue: one policy "default" on the 24x7 calendar, matching every tier and channel,
 * with targets per priority from {@link SlaProperties} over the built-in defaults.
 */
public final class ConfiguredSlaPolicies implements SlaPolicies {

    public static final String DEFAULT_POLICY = "default";

    private static final Map<Priority, SlaProperties.Targets> BUILT_IN = Map.of(
            Priority.URGENT, new SlaProperties.Targets(Duration.ofMinutes(30), null, Duration.ofHours(4)),
            Priority.HIGH, new SlaProperties.Targets(Duration.ofHours(1), null, Duration.ofHours(8)),
            Priority.NORMAL, new SlaProperties.Targets(Duration.ofHours(4), null, Duration.ofHours(24)),
            Priority.LOW, new SlaProperties.Targets(Duration.ofHours(8), null, Duration.ofHours(72)));

    private final Map<Priority, SlaPolicy> byPriority = new EnumMap<>(Priority.class);
    private final WorkingCalendar twentyFourSeven = new TwentyFourSevenCalendar();

    public ConfiguredSlaPolicies(SlaProperties properties) {
        for (Priority priority : Priority.values()) {
            SlaProperties.Targets builtIn = BUILT_IN.get(priority);
            SlaProperties.Targets configured = properties.getDefaultPolicy().getTargets().get(priority);
            Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
            put(targets, SlaMetric.FIRST_RESPONSE, configured == null ? null : configured.getFirstResponse(),
                    builtIn.getFirstResponse());
            put(targets, SlaMetric.NEXT_RESPONSE, configured == null ? null : configured.getNextResponse(),
                    builtIn.getNextResponse());
            put(targets, SlaMetric.RESOLUTION, configured == null ? null : configured.getResolution(),
                    builtIn.getResolution());
            byPriority.put(priority, new SlaPolicy(DEFAULT_POLICY, TwentyFourSevenCalendar.NAME,
                    properties.getWarnAtPercent(), targets));
        }
    }

    /** The built-in default policy, as the documentation states it. */
    public static ConfiguredSlaPolicies defaults() {
        return new ConfiguredSlaPolicies(new SlaProperties());
    }

    private static void put(Map<SlaMetric, Duration> targets, SlaMetric metric, Duration configured,
                            Duration builtIn) {
        Duration target = configured != null ? configured : builtIn;
        if (target == null) {
            return;
        }
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("SLA target for " + metric + " must be positive: " + target);
        }
        targets.put(metric, target);
    }

    @Override
    public SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel) {
        return byPriority.get(priority);
    }

    @Override
    public WorkingCalendar calendar(String name) {
        if (TwentyFourSevenCalendar.NAME.equals(name)) {
            return twentyFourSeven;
        }
        throw new IllegalArgumentException("Unknown calendar " + name);
    }
}
