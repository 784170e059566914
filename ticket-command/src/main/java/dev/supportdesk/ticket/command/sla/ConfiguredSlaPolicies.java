package dev.supportdesk.ticket.command.sla;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The policies from {@link SlaProperties}: one policy "default" on the 24x7 calendar, matching every tier and
 * channel, with targets per priority.
 */
public final class ConfiguredSlaPolicies implements SlaPolicies {

    public static final String DEFAULT_POLICY = "default";

    private final Map<Priority, SlaPolicy> byPriority = new EnumMap<>(Priority.class);
    private final WorkingCalendar twentyFourSeven = new TwentyFourSevenCalendar();

    public ConfiguredSlaPolicies(SlaProperties properties) {
        properties.defaultPolicy().targets().forEach((priority, configured) -> {
            Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
            targets.put(SlaMetric.FIRST_RESPONSE, configured.firstResponse());
            if (configured.nextResponse() != null) {
                targets.put(SlaMetric.NEXT_RESPONSE, configured.nextResponse());
            }
            targets.put(SlaMetric.RESOLUTION, configured.resolution());
            byPriority.put(
                    priority,
                    new SlaPolicy(DEFAULT_POLICY, TwentyFourSevenCalendar.NAME, properties.warnAtPercent(), targets));
        });
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
