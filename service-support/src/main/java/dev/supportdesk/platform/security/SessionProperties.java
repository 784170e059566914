package dev.supportdesk.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's sessions: {@code support.security.session.*}. The values are in each service's application.yml.
 *
 * @param idleTimeout     a session not used for this long is over
 * @param absoluteTimeout a session is over this long after its sign-in, however busy
 * @param cookieSecure    whether the cookie is marked {@code Secure} (sent over HTTPS only); off for the local
 *                        start over plain HTTP
 */
@ConfigurationProperties("support.security.session")
record SessionProperties(Duration idleTimeout, Duration absoluteTimeout, boolean cookieSecure) {

    /** How often, at most, a session's last use is written: a request does not cost a write each time. */
    static final Duration MAX_TOUCH_INTERVAL = Duration.ofMinutes(1);

    SessionProperties {
        if (idleTimeout == null || idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("support.security.session.idle-timeout must be at least 1s");
        }
        if (absoluteTimeout == null || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "support.security.session.absolute-timeout must be at least the idle-timeout");
        }
    }

    /** An eighth of the idle time, at most a minute: the idle timeout is kept to within that. */
    Duration touchInterval() {
        Duration eighth = idleTimeout.dividedBy(8);
        return eighth.compareTo(MAX_TOUCH_INTERVAL) > 0 ? MAX_TOUCH_INTERVAL : eighth;
    }
}
