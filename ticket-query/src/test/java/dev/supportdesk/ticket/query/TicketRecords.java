package dev.supportdesk.ticket.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.supportdesk.contract.MetadataKeys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ticket events into Kafka records exactly as ticket-command's publisher does: the Kafka extension's
 * DefaultKafkaMessageConverter with a Jackson serializer, a domain event message of aggregate type Ticket,
 * key = ticket id, metadata actor/actorRole/correlationId/causationId as headers.
 */
public final class TicketRecords {

    public static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();
    public static final DefaultKafkaMessageConverter CONVERTER =
            DefaultKafkaMessageConverter.builder().serializer(SERIALIZER).build();

    private TicketRecords() {
    }

    /** The event at {@code version} (1 = the first) of its ticket, done by {@code actor}. */
    public static GenericDomainEventMessage<Object> event(String ticketId, long version, Object payload, String actor,
                                                          Instant at) {
        Map<String, Object> metaData = Map.of(
                MetadataKeys.ACTOR, actor,
                MetadataKeys.ACTOR_ROLE, "system".equals(actor) ? "SYSTEM" : "AGENT",
                MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString(),
                MetadataKeys.CAUSATION_ID, UUID.randomUUID().toString());
        return new GenericDomainEventMessage<>("Ticket", ticketId, version - 1, payload, metaData,
                UUID.randomUUID().toString(), at);
    }

    public static ProducerRecord<String, byte[]> record(String topic, String ticketId, long version, Object payload,
                                                        String actor, Instant at) {
        return CONVERTER.createKafkaMessage(event(ticketId, version, payload, actor, at), topic);
    }
}
