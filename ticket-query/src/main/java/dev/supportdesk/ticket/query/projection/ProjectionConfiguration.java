package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.platform.axon.TicketTopicProcessors;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the ticket projection to the Kafka topic: a tracking processor over the Kafka extension's
 * streamable source, its token in PostgreSQL (JDBC token store, same transaction as the rows).
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /**
     * The query side stores no events: a plain event bus keeps Axon from configuring a JDBC event store
     * (whose tables this schema does not have).
     */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    @Autowired
    void registerTicketProjection(EventProcessingConfigurer processing,
                                  StreamableKafkaMessageSource<?, ?> ticketEvents,
                                  @Value("${support.query.batch-size:100}") int batchSize) {
        TicketTopicProcessors.register(processing, TicketProjection.PROCESSING_GROUP, ticketEvents, batchSize)
                // Never skip an event: a failing batch rolls back (rows and token) and is retried.
                .registerListenerInvocationErrorHandler(TicketProjection.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance());
    }
}
