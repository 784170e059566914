package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.kafka.TicketTopic;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a service that consumes the ticket topic imports ({@code @Import(StreamConsumerConfiguration.class)}):
 * the consumers' tables, the factory of {@link StreamConsumer}s, their admin API, health and metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerProperties.class)
public class StreamConsumerConfiguration {

    /** After Spring Boot's Flyway (bean {@code flywayInitializer}) has migrated the service's own tables. */
    @Bean
    @DependsOn("flywayInitializer")
    ConsumerSchema consumerSchema(DataSource dataSource, Environment environment) {
        String schema = environment.getRequiredProperty("spring.flyway.default-schema");
        return new ConsumerSchema(dataSource, schema);
    }

    @Bean
    StreamConsumers streamConsumers(
            ConsumerSchema schema,
            TicketTopic topic,
            ConsumerProperties properties,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer serializer,
            ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new StreamConsumers(
                topic,
                properties,
                new ConsumerStore(jdbc, time),
                new TransactionTemplate(transactionManager),
                serializer,
                time);
    }

    @Bean
    TopicEnds topicEnds(TicketTopic topic) {
        return new TopicEnds(topic);
    }

    @Bean
    ConsumerAdminController consumerAdminController(
            List<StreamConsumer> consumers,
            TopicEnds topicEnds,
            Environment environment,
            List<ConsumerStatusExtension> extensions) {
        return new ConsumerAdminController(
                consumers, topicEnds, environment.getRequiredProperty("spring.application.name"), extensions);
    }

    @Bean
    ConsumerHealthIndicator ticketStreamHealthIndicator(List<StreamConsumer> consumers) {
        return new ConsumerHealthIndicator(consumers);
    }

    @Bean
    ConsumerMetrics consumerMetrics(List<StreamConsumer> consumers) {
        return new ConsumerMetrics(consumers);
    }
}
