package dev.supportdesk.sla.monitor.consumer;

import dev.supportdesk.sla.monitor.saga.TicketSlaSaga;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feeds the saga's tracking processor ({@value TicketSlaSaga#PROCESSING_GROUP}) from the ticket topic through the
 * Axon Kafka extension's {@link StreamableKafkaMessageSource}.
 * <p>
 * The initial token is chosen on purpose: an empty {@link KafkaTrackingToken}, i.e. the first record of every
 * partition. Axon's default for sagas is the head (events stored before the first start would never be seen), and
 * its default for other processors is a {@code ReplayToken}, whose events a saga manager skips because sagas do not
 * support resets. A plain token is neither: every stored clock fact is handled once, as live.
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
        StreamableMessageSource<TrackedEventMessage<?>> source = ticketEvents;
        configurer.registerTrackingEventProcessor(
                TicketSlaSaga.PROCESSING_GROUP,
                configuration -> source,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(messageSource -> KafkaTrackingToken.emptyToken()));
    }
}
