package dev.supportdesk.ticket.query.replay;

import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumers;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rebuilds of every {@link ReplayableReadModel} bean of the service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayProperties.class)
class ReplayConfiguration {

    @Bean
    Replays replays(
            List<ReplayableReadModel> models,
            List<StreamConsumer> consumers,
            StreamConsumers factory,
            DataSource dataSource,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Environment environment,
            ObjectProvider<Clock> clock,
            ReplayProperties properties) {
        // The same migrations that made the live schema make the copy (Spring Boot's own default location).
        String[] locations = environment
                .getProperty("spring.flyway.locations", "classpath:db/migration")
                .split("\\s*,\\s*");
        ReplaySchema schema = new ReplaySchema(
                dataSource, environment.getRequiredProperty("spring.flyway.default-schema"), locations);
        return new Replays(
                models,
                consumers,
                factory,
                schema,
                jdbc,
                new TransactionTemplate(transactionManager),
                clock.getIfAvailable(Clock::systemUTC),
                properties.batchSize());
    }
}
