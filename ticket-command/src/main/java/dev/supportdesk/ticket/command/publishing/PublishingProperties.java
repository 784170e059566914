package dev.supportdesk.ticket.command.publishing;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.publishing.*}: how the outbox reaches Kafka (values in application.yml). Short producer
 * timeouts and a short retry pause make delivery resume within seconds of the broker's return.
 *
 * @param maxBlock         producer max.block.ms: how long a send may wait for the broker's metadata
 * @param requestTimeout   producer request.timeout.ms
 * @param acknowledgementWait how long the outbox waits for an acknowledgement before it reports Kafka as
 *                         unavailable (and waits on: the producer never gives a record up)
 * @param retryPause       the pause before the store is read again after Kafka took nothing, or the database failed
 * @param batchSize        events read and sent together, then acknowledged together
 * @param idlePoll         how often the leader looks for new events when nothing woke it (commits of other
 *                         instances, missed wake-ups)
 * @param standbyPoll      how often an instance that does not publish tries to take over
 * @param statementTimeout the longest the outbox waits for one answer of the database
 */
@ConfigurationProperties("support.publishing")
public record PublishingProperties(
        Duration maxBlock,
        Duration requestTimeout,
        Duration acknowledgementWait,
        Duration retryPause,
        int batchSize,
        Duration idlePoll,
        Duration standbyPoll,
        Duration statementTimeout) {

    public PublishingProperties {
        positive(maxBlock, "max-block");
        positive(requestTimeout, "request-timeout");
        positive(acknowledgementWait, "acknowledgement-wait");
        positive(retryPause, "retry-pause");
        positive(idlePoll, "idle-poll");
        positive(standbyPoll, "standby-poll");
        positive(statementTimeout, "statement-timeout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("support.publishing.batch-size must be at least 1: " + batchSize);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, "support.publishing." + name + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("support.publishing." + name + " must be positive: " + value);
        }
    }
}
