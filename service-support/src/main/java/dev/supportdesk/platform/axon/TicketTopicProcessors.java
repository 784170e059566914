package dev.supportdesk.platform.axon;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;

/**
 * How a service reads the ticket topic through Axon: a tracking processor over the Kafka extension's
 * streamable source, with many events per transaction (the token commits with what the handlers wrote).
 * <p>
 * The first token is chosen on purpose: an empty {@link KafkaTrackingToken}, the first record of every
 * partition. Axon's default for sagas is the head (events on the topic before the first start would never
 * be seen) and for other processors a replay token, whose events a saga manager skips. A plain token is
 * neither: every event on the topic is handled once, as live; read models are built from the first event.
 */
public final class TicketTopicProcessors {

    private TicketTopicProcessors() {
    }

    public static EventProcessingConfigurer register(EventProcessingConfigurer processing, String processingGroup,
                                                     StreamableKafkaMessageSource<?, ?> ticketEvents, int batchSize) {
        return processing.registerTrackingEventProcessor(
                processingGroup,
                configuration -> ticketEvents,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(source -> KafkaTrackingToken.emptyToken()));
    }
}
