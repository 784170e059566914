package dev.supportdesk.platform.consumer;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.consumer.*}: how this service's consumers read the ticket topic. The values are in the
 * service's application.yml.
 *
 * @param pollTimeout       how long one poll waits for records
 * @param sessionTimeout    after how long without heartbeats the group gives a dead instance's partitions to
 *                          the others (Kafka's session.timeout.ms)
 * @param heartbeatInterval Kafka's heartbeat.interval.ms, well below the session timeout
 * @param retryBackoff      the first pause after a batch failed for a reason that goes away (database down)
 * @param maxRetryBackoff   the longest such pause; the pause doubles up to it
 * @param metadataMaxAge    how soon a consumer notices the topic once it is created
 * @param batchSize         records applied in one transaction (with the offsets they move)
 */
@ConfigurationProperties("support.consumer")
public record ConsumerProperties(
        Duration pollTimeout,
        Duration sessionTimeout,
        Duration heartbeatInterval,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration metadataMaxAge,
        int batchSize) {

    public ConsumerProperties {
        positive(pollTimeout, "poll-timeout");
        positive(sessionTimeout, "session-timeout");
        positive(heartbeatInterval, "heartbeat-interval");
        positive(retryBackoff, "retry-backoff");
        positive(maxRetryBackoff, "max-retry-backoff");
        positive(metadataMaxAge, "metadata-max-age");
        if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
            throw new IllegalArgumentException("support.consumer.heartbeat-interval must be below session-timeout");
        }
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("support.consumer.max-retry-backoff must not be below retry-backoff");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("support.consumer.batch-size must be at least 1: " + batchSize);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, "support.consumer." + name + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("support.consumer." + name + " must be positive: " + value);
        }
    }

    /** The pause before the next attempt after {@code failures} failed ones in a row. */
    Duration backoff(int failures) {
        Duration pause = retryBackoff;
        for (int i = 1; i < failures && pause.compareTo(maxRetryBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : pause;
    }
}
