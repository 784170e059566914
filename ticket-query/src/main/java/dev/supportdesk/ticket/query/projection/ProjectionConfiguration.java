package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumerConfiguration;
import dev.supportdesk.platform.consumer.StreamConsumers;
import dev.supportdesk.ticket.query.replay.ReplayableReadModel;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the ticket projection to the Kafka topic: a {@link StreamConsumer} applies ticket events in version order,
 * in one transaction with its offsets, and parks what it cannot apply.
 */
@Configuration(proxyBeanMethods = false)
@Import(StreamConsumerConfiguration.class)
class ProjectionConfiguration {

    /** The stream types this read model is built from; policy and calendar events pass by. */
    static final Set<String> OWNED_TYPES = Set.of(TicketProjection.TICKET_AGGREGATE_TYPE);

    /**
     * The query side stores no events: a plain event bus keeps Axon from configuring a JDBC event store
     * (whose tables this schema does not have).
     */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    /**
     * The consumer hands its batches straight to the projection's batch handler, as a rebuild's consumer does:
     * each ticket's row is read and written once per batch instead of once per event (an Axon processor would call
     * a handler per event).
     */
    @Bean
    StreamConsumer ticketProjectionConsumer(StreamConsumers consumers, TicketProjection projection) {
        StreamConsumer consumer = consumers.create(TicketProjection.PROCESSING_GROUP, OWNED_TYPES);
        consumer.subscribe(projection::onBatch);
        return consumer;
    }

    /** The queue and the detail can be rebuilt from the first event (docs/ticket-query.md, "Replay"). */
    @Bean
    ReplayableReadModel ticketReadModel(TicketProjection projection) {
        return new ReplayableReadModel(
                TicketProjection.PROCESSING_GROUP,
                OWNED_TYPES,
                List.of("ticket", "ticket_conversation"),
                projection,
                projection::onBatch);
    }
}
