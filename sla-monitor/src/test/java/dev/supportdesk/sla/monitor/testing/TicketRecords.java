package dev.supportdesk.sla.monitor.testing;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.supportdesk.contract.MetadataKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka records in the wire format ticket-command publishes: the extension's {@link DefaultKafkaMessageConverter}
 * over a Jackson serializer, a {@link GenericDomainEventMessage} per event (aggregate type Ticket, id = ticket id,
 * sequence = version - 1) with the server-side metadata, keyed by ticket id.
 */
public final class TicketRecords {

    private final DefaultKafkaMessageConverter converter;

    public TicketRecords() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().findAndAddModules().build())
                .build();
        converter = DefaultKafkaMessageConverter.builder().serializer(serializer).build();
    }

    public DefaultKafkaMessageConverter converter() {
        return converter;
    }

    public static GenericDomainEventMessage<Object> message(String ticketId, long sequence, Object event,
                                                            String correlationId) {
        MetaData metaData = MetaData.from(Map.of(
                MetadataKeys.ACTOR, "alice",
                MetadataKeys.ACTOR_ROLE, "AGENT",
                MetadataKeys.CORRELATION_ID, correlationId,
                MetadataKeys.CAUSATION_ID, "cmd-" + ticketId + "-" + sequence));
        return new GenericDomainEventMessage<>("Ticket", ticketId, sequence, event, metaData);
    }

    public ProducerRecord<String, byte[]> record(String topic, String ticketId, long sequence, Object event,
                                                 String correlationId) {
        return converter.createKafkaMessage(message(ticketId, sequence, event, correlationId), topic);
    }

    /** The record as a consumer receives it, for tests that convert without a broker. */
    public static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> record, long offset) {
        return new ConsumerRecord<>(record.topic(), 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(), record.headers(),
                Optional.empty());
    }
}
