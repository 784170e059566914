package dev.supportdesk.platform.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored event as it travels on the ticket topic: what the outbox reads from the event store and what
 * every consumer decodes from a record. The payload stays serialized (JSON bytes) until a consumer needs it.
 *
 * @param eventId         the event's unique id (Axon's message identifier); duplicates carry the same id
 * @param aggregateType   the stream's type, {@code Ticket} for tickets; consumers skip types they do not own
 * @param aggregateId     the stream's id (the record key), e.g. {@code T-42}
 * @param version         the stream's version after this event: its sequence number + 1, the first event is 1
 * @param position        the event's place in the event store's commit order (the global feed position)
 * @param payloadType     the stored type, the event class's fully qualified name
 * @param payloadRevision the payload's revision ({@code 1} today)
 * @param occurredAt      when the event happened
 * @param metadata        who and why: actor, actorRole, correlationId, causationId (all text)
 * @param payload         the event as UTF-8 JSON
 */
public record EventEnvelope(
        String eventId,
        String aggregateType,
        String aggregateId,
        long version,
        long position,
        String payloadType,
        String payloadRevision,
        Instant occurredAt,
        Map<String, String> metadata,
        byte[] payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        metadata = Map.copyOf(metadata);
    }

    /** The stream's sequence number of this event, as Axon counts it (from 0). */
    public long sequenceNumber() {
        return version - 1;
    }

    /** The event type as the API shows it: the payload class's simple name. */
    public String eventType() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return aggregateType + " " + aggregateId + " v" + version + " " + eventType() + " (" + eventId + ", position "
                + position + ")";
    }
}
