package dev.supportdesk.ticket.command.publishing;

import dev.supportdesk.platform.kafka.TicketTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/**
 * The outbox processor: a tracking processor over the event store whose first token is the tail of the
 * store (otherwise Axon treats the events already stored as a replay), errors propagated (never logged
 * and skipped), and an idempotent producer that waits for every in-sync replica.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    static final String PROCESSING_GROUP = "kafka-publisher";

    @Bean(destroyMethod = "shutDown")
    ProducerFactory<String, byte[]> ticketEventProducerFactory(PublishingProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.deliveryTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-command-publisher");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return DefaultProducerFactory.<String, byte[]>builder()
                .configuration(config)
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK)
                .build();
    }

    /** Headers axon-message-id, -type, -revision, -timestamp, -aggregate-*, axon-metadata-*; key = ticket id. */
    @Bean
    KafkaMessageConverter<String, byte[]> ticketEventMessageConverter(@Qualifier("eventSerializer") Serializer serializer) {
        return DefaultKafkaMessageConverter.builder().serializer(serializer).build();
    }

    @Bean(destroyMethod = "stop")
    TicketEventPublisher ticketEventPublisher(ProducerFactory<String, byte[]> producerFactory,
                                              KafkaMessageConverter<String, byte[]> converter, TicketTopic topic,
                                              PublishingProperties properties) {
        return new TicketEventPublisher(producerFactory, converter, topic, properties);
    }

    @Autowired
    void configureProcessor(EventProcessingConfigurer processing, PublishingProperties properties) {
        processing.registerTrackingEventProcessor(PROCESSING_GROUP,
                        configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
