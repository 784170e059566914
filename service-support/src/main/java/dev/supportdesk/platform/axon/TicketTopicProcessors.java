package dev.supportdesk.platform.axon;

import dev.supportdesk.platform.consumer.StreamConsumer;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * How a service's Axon handlers (a projection, a saga) read the ticket topic: a subscribing event processor fed
 * by a {@link StreamConsumer}, which decides what is applied, in which order and in which transaction.
 * <p>
 * Errors propagate: a handler's failure must reach the consumer, which parks the event (or retries the batch
 * when the database is away). Axon's default for handlers would log it and go on as if the event were applied.
 */
public final class TicketTopicProcessors {

    private TicketTopicProcessors() {}

    /**
     * @param ticketEvents the consumer, looked up when Axon builds the processor (so that the consumer can be a
     *                     bean of the same configuration that registers it)
     */
    public static EventProcessingConfigurer register(
            EventProcessingConfigurer processing, String processingGroup, Supplier<StreamConsumer> ticketEvents) {
        return processing
                .registerSubscribingEventProcessor(processingGroup, configuration -> ticketEvents.get())
                .registerListenerInvocationErrorHandler(
                        processingGroup, configuration -> PropagatingErrorHandler.instance());
    }
}
