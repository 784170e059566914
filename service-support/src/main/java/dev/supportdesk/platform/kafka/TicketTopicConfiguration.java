package dev.supportdesk.platform.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The ticket topic from {@code support.kafka.*} ({@link TicketTopicProperties}). Tests of this library that have
 * no broker switch it off with {@code support.kafka.topic-management.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "support.kafka.topic-management.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TicketTopicProperties.class)
public class TicketTopicConfiguration {

    @Bean
    TicketTopic ticketTopic(TicketTopicProperties properties) {
        return new TicketTopic(
                properties.topic(),
                properties.partitions(),
                properties.replicationFactor(),
                properties.bootstrapServers());
    }
}
