package dev.supportdesk.sla.monitor.client;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
