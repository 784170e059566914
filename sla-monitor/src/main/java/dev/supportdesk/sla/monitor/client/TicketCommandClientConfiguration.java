package dev.supportdesk.sla.monitor.client;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketCommandProperties.class)
class TicketCommandClientConfiguration {

    @Bean
    TicketCommandClient ticketCommandClient(TicketCommandProperties properties) {
        return new TicketCommandClient(properties);
    }

    @Bean
    SlaCommandForwarder slaCommandForwarder(TicketCommandClient client) {
        return new SlaCommandForwarder(client);
    }

    @Bean
    PendingSlaCommands pendingSlaCommands(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new PendingSlaCommands(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The bean name makes the health component {@code slaDelivery}. */
    @Bean
    SlaDeliveryHealthIndicator slaDeliveryHealthIndicator(PendingSlaCommands pending) {
        return new SlaDeliveryHealthIndicator(pending);
    }

    @Bean
    SlaDeliveryMetrics slaDeliveryMetrics(PendingSlaCommands pending) {
        return new SlaDeliveryMetrics(pending);
    }
}
