package dev.supportdesk.sla.monitor.consumer;

import dev.supportdesk.sla.monitor.saga.TicketSlaSaga;
import dev.supportdesk.platform.axon.TicketTopicProcessors;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feeds the saga's tracking processor ({@value TicketSlaSaga#PROCESSING_GROUP}) from the ticket topic, from the
 * first record of every partition (see {@link TicketTopicProcessors} for why that token, and not Axon's defaults).
 */
@Configuration(proxyBeanMethods = false)
class TicketEventProcessorConfiguration {

    /**
     * sla-monitor stores no events of its own. Declaring the bus keeps Axon's JDBC auto-configuration from setting
     * up an event store (and its tables) nobody would use.
     */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    @Autowired
    void registerSagaProcessor(EventProcessingConfigurer configurer,
                               StreamableKafkaMessageSource<?, ?> ticketEvents,
                               @Value("${sla-monitor.processor.batch-size:16}") int batchSize) {
        TicketTopicProcessors.register(configurer, TicketSlaSaga.PROCESSING_GROUP, ticketEvents, batchSize);
    }
}
