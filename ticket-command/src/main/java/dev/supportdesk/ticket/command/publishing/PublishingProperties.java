package dev.supportdesk.ticket.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code support.publishing.*}: how the outbox reaches Kafka. Short producer timeouts and a short retry
 * pause make delivery resume within seconds after the broker comes back.
 *
 * @param bootstrapServers  the Kafka brokers
 * @param maxBlock          producer max.block.ms: how long a send may wait for metadata
 * @param requestTimeout    producer request.timeout.ms
 * @param deliveryTimeout   producer delivery.timeout.ms: when an unacknowledged send fails
 * @param retryPause        the pause before the same event is sent again
 * @param batchSize         events per processor transaction
 */
@ConfigurationProperties("support.publishing")
public record PublishingProperties(String bootstrapServers, Duration maxBlock, Duration requestTimeout,
                                   Duration deliveryTimeout, Duration retryPause, int batchSize) {

    public PublishingProperties {
        bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers;
        maxBlock = maxBlock == null ? Duration.ofSeconds(2) : maxBlock;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(2) : requestTimeout;
        deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(5) : deliveryTimeout;
        retryPause = retryPause == null ? Duration.ofMillis(500) : retryPause;
        batchSize = batchSize <= 0 ? 50 : batchSize;
    }
}
