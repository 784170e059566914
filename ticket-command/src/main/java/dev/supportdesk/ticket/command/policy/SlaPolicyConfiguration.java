package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.platform.security.SupportGroup;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.ticket.command.sla.ConfiguredSlaPolicies;
import dev.supportdesk.ticket.command.sla.SlaProperties;
import dev.supportdesk.ticket.command.ticket.GroupSupervisors;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the Ticket aggregate asks for SLA: the stored policies over the configured default, and group supervisors. */
@Configuration(proxyBeanMethods = false)
class SlaPolicyConfiguration {

    /** The supervisors an escalation notifies, from the user directory. */
    @Bean
    GroupSupervisors groupSupervisors(UserDirectory directory) {
        return group ->
                directory.findGroup(group).map(SupportGroup::supervisors).orElse(List.of());
    }

    @Bean
    SlaPolicies slaPolicies(SlaProperties properties, SlaConfigurationTable table) {
        return new StoredSlaPolicies(new ConfiguredSlaPolicies(properties), table);
    }
}
