package dev.supportdesk.sla.monitor.consumer;

import dev.supportdesk.platform.axon.TicketTopicProcessors;
import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumerConfiguration;
import dev.supportdesk.platform.consumer.StreamConsumers;
import dev.supportdesk.sla.monitor.saga.TicketSlaSaga;
import java.util.Set;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Feeds the saga's processor ({@value TicketSlaSaga#PROCESSING_GROUP}) from the ticket topic through a
 * {@link StreamConsumer}: every ticket's events in version order, once, in one transaction with the saga state,
 * the deadlines and the consumer's offsets.
 */
@Configuration(proxyBeanMethods = false)
@Import(StreamConsumerConfiguration.class)
class TicketEventProcessorConfiguration {

    /**
     * sla-monitor stores no events of its own. Declaring the bus keeps Axon's JDBC auto-configuration from setting
     * up an event store (and its tables) nobody would use.
     */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    @Bean
    StreamConsumer ticketSlaConsumer(StreamConsumers consumers) {
        return consumers.create(TicketSlaSaga.PROCESSING_GROUP, Set.of("Ticket"));
    }

    @Autowired
    void registerSagaProcessor(
            EventProcessingConfigurer configurer,
            @Qualifier("ticketSlaConsumer") ObjectProvider<StreamConsumer> consumer) {
        TicketTopicProcessors.register(configurer, TicketSlaSaga.PROCESSING_GROUP, consumer::getObject);
    }
}
