package dev.supportdesk.platform.kafka;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The ticket topic's settings: {@code support.kafka.topic}, {@code support.kafka.partitions},
 * {@code support.kafka.replication-factor}, {@code support.kafka.await-on-start}; the brokers are {@code support.kafka.bootstrap-servers}.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "support.kafka.topic-management.enabled", matchIfMissing = true)
public class TicketTopicConfiguration {

    @Bean
    TicketTopic ticketTopic(Environment environment) {
        String brokers = environment.getProperty("support.kafka.bootstrap-servers",
                "127.0.0.1:9092");
        return new TicketTopic(
                environment.getProperty("support.kafka.topic", "support.ticket-events"),
                environment.getProperty("support.kafka.partitions", Integer.class, 6),
                environment.getProperty("support.kafka.replication-factor", Short.class, (short) 1),
                brokers,
                environment.getProperty("support.kafka.await-on-start", Duration.class, Duration.ZERO));
    }
}
