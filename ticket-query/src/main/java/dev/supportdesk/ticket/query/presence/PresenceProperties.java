package dev.supportdesk.ticket.query.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Presence on tickets: {@code support.presence.*}, written in application.yml.
 *
 * @param ttl           how long a presence lasts after its last renewal
 * @param sweepInterval how often each instance removes the presences that ran out (and tells the stream)
 */
@ConfigurationProperties("support.presence")
record PresenceProperties(Duration ttl, Duration sweepInterval) {

    PresenceProperties {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("support.presence.ttl must be at least 1s");
        }
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("support.presence.sweep-interval must be positive");
        }
    }
}
