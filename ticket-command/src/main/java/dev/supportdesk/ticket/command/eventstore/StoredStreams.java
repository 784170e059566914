package dev.supportdesk.ticket.command.eventstore;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * One stream's stored events as messages (payload, timestamp, metadata), read through Axon's storage engine so that
 * the serializer and any upcaster apply as they do when an aggregate is loaded; never from a snapshot, which is not
 * an event.
 */
@Component
public class StoredStreams {

    private final EventStorageEngine engine;

    StoredStreams(EventStorageEngine engine) {
        this.engine = engine;
    }

    /** The stream's events in version order, read lazily in batches; empty when it has none. */
    public Stream<? extends DomainEventMessage<?>> events(String aggregateId) {
        return engine.readEvents(aggregateId, 0).asStream();
    }
}
