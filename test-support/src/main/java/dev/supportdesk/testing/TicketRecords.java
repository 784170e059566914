package dev.supportdesk.testing;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.axon.EventMessages;
import dev.supportdesk.platform.axon.PlatformSerializer;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Ticket events as Kafka records in the wire format ticket-command publishes (docs/events.md), built by the
 * same {@link EventRecords} as ticket-command's outbox: key = ticket id, value = the event as JSON with ISO-8601
 * instants and durations, the CloudEvents and Axon headers of a {@code Ticket} stream event and its metadata.
 * <pre>{@code
 * TestKafka.send(TicketRecords.event("T-1", 1, opened).actor("alice").at(t0).record(topic));
 * }</pre>
 */
public final class TicketRecords {

    public static final String AGGREGATE_TYPE = "Ticket";

    // The serializer every service's event store and consumers use, so that payloads read as the real ones do.
    private static final Serializer SERIALIZER = PlatformSerializer.jackson();

    private TicketRecords() {}

    /**
     * The event that brings ticket {@code ticketId} to {@code version} (1 = its first event), by alice as an
     * agent, now, with fresh message, correlation and causation ids unless the builder is told otherwise.
     */
    public static Event event(String ticketId, long version, Object payload) {
        return new Event(ticketId, version, payload);
    }

    /** Shorthand for {@code event(ticketId, version, payload).actor(actor).at(at).record(topic)}. */
    public static ProducerRecord<String, byte[]> record(
            String topic, String ticketId, long version, Object payload, String actor, Instant at) {
        return event(ticketId, version, payload).actor(actor).at(at).record(topic);
    }

    /** Reads a record back as the services' consumers do: the same decoding, the same JSON form. */
    public static DomainEventMessage<?> read(ConsumerRecord<String, byte[]> record) {
        return EventMessages.from(EventRecords.fromRecord(record), SERIALIZER);
    }

    /** The record as a consumer would receive it at {@code offset} of partition 0, for tests without a broker. */
    public static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> record, long offset) {
        return new ConsumerRecord<>(
                record.topic(),
                0,
                offset,
                System.currentTimeMillis(),
                TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                record.key(),
                record.value(),
                record.headers(),
                Optional.empty());
    }

    /**
     * One ticket event, fixed when the builder is made (its message id too): building its record twice gives
     * the same record twice, the way a redelivery looks.
     */
    public static final class Event {

        private final String ticketId;
        private final long version;
        private final Object payload;
        private final String messageId = UUID.randomUUID().toString();
        private String actor = "alice";
        private String actorRole;
        private String correlationId = UUID.randomUUID().toString();
        private String causationId = UUID.randomUUID().toString();
        private Instant at = Instant.now();
        private long position;

        private Event(String ticketId, long version, Object payload) {
            if (version < 1) {
                throw new IllegalArgumentException("a ticket's first event has version 1, not " + version);
            }
            this.ticketId = ticketId;
            this.version = version;
            this.payload = payload;
        }

        /** Who caused the event; the role follows from the name (SYSTEM for sla-monitor) unless set. */
        public Event actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Event actorRole(String actorRole) {
            this.actorRole = actorRole;
            return this;
        }

        public Event correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Event causationId(String causationId) {
            this.causationId = causationId;
            return this;
        }

        /** When the event happened (the {@code axon-message-timestamp} header). */
        public Event at(Instant at) {
            this.at = at;
            return this;
        }

        /** Its place in the event store's commit order (the {@code ce_position} header); 0 unless set. */
        public Event position(long position) {
            this.position = position;
            return this;
        }

        public DomainEventMessage<Object> message() {
            MetaData metaData = MetaData.from(Map.of(
                    MetadataKeys.ACTOR, actor,
                    MetadataKeys.ACTOR_ROLE, actorRole != null ? actorRole : roleOf(actor),
                    MetadataKeys.CORRELATION_ID, correlationId,
                    MetadataKeys.CAUSATION_ID, causationId));
            return new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE, ticketId, version - 1, payload, metaData, messageId, at);
        }

        public ProducerRecord<String, byte[]> record(String topic) {
            DomainEventMessage<Object> message = message();
            SerializedObject<byte[]> value = message.serializePayload(SERIALIZER, byte[].class);
            Map<String, String> metadata = new java.util.LinkedHashMap<>();
            message.getMetaData().forEach((key, entry) -> metadata.put(key, String.valueOf(entry)));
            return EventRecords.toRecord(
                    topic,
                    new EventEnvelope(
                            messageId,
                            AGGREGATE_TYPE,
                            ticketId,
                            version,
                            position,
                            value.getType().getName(),
                            value.getType().getRevision(),
                            at,
                            metadata,
                            value.getData()));
        }

        private static String roleOf(String actor) {
            return "system".equals(actor) || "sla-monitor".equals(actor) ? "SYSTEM" : "AGENT";
        }
    }
}
