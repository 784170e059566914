package dev.supportdesk.ticket.command.sla;

import dev.supportdesk.model.sla.SlaClockCalculator;
import dev.supportdesk.model.sla.SlaPolicies;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock arithmetic over the SLA policies (see the policy package) and the clock the Ticket aggregate reads time from. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    /** The Ticket aggregate's collaborator for the clocks' arithmetic (a command handler parameter). */
    @Bean
    SlaClockCalculator slaClockCalculator(SlaPolicies policies) {
        return new SlaClockCalculator(policies);
    }

    /**
     * Ticks in microseconds: the due and warning instants the commands compute are stored by the read models in
     * PostgreSQL, which keeps microseconds and rounds the rest, so a finer instant would read back differently
     * from the store's own events (as-of against the detail). Tests replace it with a fixed or adjustable clock.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
