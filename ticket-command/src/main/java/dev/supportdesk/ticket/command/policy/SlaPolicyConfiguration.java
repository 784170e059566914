package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.ticket.command.sla.ConfiguredSlaPolicies;
import dev.supportdesk.ticket.command.sla.SlaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policies the Ticket aggregate resolves: the stored ones, over the configured default policy. */
@Configuration(proxyBeanMethods = false)
class SlaPolicyConfiguration {

    @Bean
    SlaPolicies slaPolicies(SlaProperties properties, SlaConfigurationTable table) {
        return new StoredSlaPolicies(new ConfiguredSlaPolicies(properties), table);
    }
}
