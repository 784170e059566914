package dev.supportdesk.ticket.command.sla;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The SLA policies from {@code support.sla.*} and the clock the Ticket aggregate reads time from. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    @Bean
    SlaPolicies slaPolicies(SlaProperties properties) {
        return new ConfiguredSlaPolicies(properties);
    }

    /** Tests replace it with a fixed or adjustable clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
