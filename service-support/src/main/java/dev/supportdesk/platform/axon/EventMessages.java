package dev.supportdesk.platform.axon;

import dev.supportdesk.platform.kafka.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * An event from the topic as the Axon message its handlers take: a domain event of its stream, so that
 * {@code @SequenceNumber} is the stream's sequence (version - 1), with the event's own id, time and metadata. A
 * payload type this service does not know deserializes to Axon's {@code UnknownSerializedType}.
 */
public final class EventMessages {

    private EventMessages() {}

    public static DomainEventMessage<?> from(EventEnvelope event, Serializer serializer) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                event.payload(), byte[].class, event.payloadType(), event.payloadRevision()));
        return new GenericDomainEventMessage<>(
                event.aggregateType(),
                event.aggregateId(),
                event.sequenceNumber(),
                payload,
                event.metadata(),
                event.eventId(),
                event.occurredAt());
    }
}
