package dev.supportdesk.ticket.command.sla;

import dev.supportdesk.contract.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code support.sla.*}: the default policy's targets per priority (ISO durations, so that tests and demos
 * can use seconds) and the warning share. Anything left out keeps the documented default.
 */
@ConfigurationProperties("support.sla")
public class SlaProperties {

    private int warnAtPercent = 80;
    private DefaultPolicy defaultPolicy = new DefaultPolicy();

    public int getWarnAtPercent() {
        return warnAtPercent;
    }

    public void setWarnAtPercent(int warnAtPercent) {
        this.warnAtPercent = warnAtPercent;
    }

    public DefaultPolicy getDefaultPolicy() {
        return defaultPolicy;
    }

    public void setDefaultPolicy(DefaultPolicy defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    public static class DefaultPolicy {
        private Map<Priority, Targets> targets = new EnumMap<>(Priority.class);

        public Map<Priority, Targets> getTargets() {
            return targets;
        }

        public void setTargets(Map<Priority, Targets> targets) {
            this.targets = targets;
        }
    }

    public static class Targets {
        private Duration firstResponse;
        private Duration nextResponse;
        private Duration resolution;

        public Targets() {
        }

        public Targets(Duration firstResponse, Duration nextResponse, Duration resolution) {
            this.firstResponse = firstResponse;
            this.nextResponse = nextResponse;
            this.resolution = resolution;
        }

        public Duration getFirstResponse() {
            return firstResponse;
        }

        public void setFirstResponse(Duration firstResponse) {
            this.firstResponse = firstResponse;
        }

        public Duration getNextResponse() {
            return nextResponse;
        }

        public void setNextResponse(Duration nextResponse) {
            this.nextResponse = nextResponse;
        }

        public Duration getResolution() {
            return resolution;
        }

        public void setResolution(Duration resolution) {
            this.resolution = resolution;
        }
    }
}
