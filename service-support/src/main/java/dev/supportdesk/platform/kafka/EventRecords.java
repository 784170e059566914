package dev.supportdesk.platform.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The wire format of the ticket topic, written by ticket-command's outbox and read by every consumer; see
 * docs/events.md. The key is the stream's id, the value the event's JSON. Each record carries two sets of
 * headers that say the same thing:
 * <ul>
 *     <li>the CloudEvents Kafka binding (binary mode): {@code ce_specversion}, {@code ce_id}, {@code ce_source},
 *     {@code ce_type}, {@code ce_time}, {@code ce_subject}, {@code content-type}, and the extensions
 *     {@code ce_aggregatetype}, {@code ce_aggregateversion} and {@code ce_position}, all plain text, so that a
 *     client with a CloudEvents SDK or none reads the topic without decoding binary values;</li>
 *     <li>the Axon Kafka extension's headers ({@code axon-message-*}, {@code axon-metadata-*}), so that
 *     Axon-based readers keep working.</li>
 * </ul>
 */
public final class EventRecords {

    public static final String CE_SPEC_VERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CE_AGGREGATE_TYPE = "ce_aggregatetype";
    public static final String CE_AGGREGATE_VERSION = "ce_aggregateversion";
    public static final String CE_POSITION = "ce_position";

    public static final String AXON_MESSAGE_ID = "axon-message-id";
    public static final String AXON_MESSAGE_TYPE = "axon-message-type";
    public static final String AXON_MESSAGE_REVISION = "axon-message-revision";
    public static final String AXON_MESSAGE_TIMESTAMP = "axon-message-timestamp";
    public static final String AXON_AGGREGATE_ID = "axon-message-aggregate-id";
    public static final String AXON_AGGREGATE_SEQ = "axon-message-aggregate-seq";
    public static final String AXON_AGGREGATE_TYPE = "axon-message-aggregate-type";
    public static final String AXON_METADATA_PREFIX = "axon-metadata-";

    /** The CloudEvents {@code source} of every event: the service that stores and publishes them. */
    public static final String SOURCE = "/support-desk/ticket-command";

    static final String SPEC_VERSION = "1.0";
    static final String JSON = "application/json";

    private EventRecords() {}

    /** The record the outbox sends for one stored event. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        text(headers, CE_SPEC_VERSION, SPEC_VERSION);
        text(headers, CE_ID, event.eventId());
        text(headers, CE_SOURCE, SOURCE);
        text(headers, CE_TYPE, event.payloadType());
        text(headers, CE_TIME, event.occurredAt().toString());
        text(headers, CE_SUBJECT, event.aggregateId());
        text(headers, CONTENT_TYPE, JSON);
        text(headers, CE_AGGREGATE_TYPE, event.aggregateType());
        text(headers, CE_AGGREGATE_VERSION, Long.toString(event.version()));
        text(headers, CE_POSITION, Long.toString(event.position()));

        text(headers, AXON_MESSAGE_ID, event.eventId());
        text(headers, AXON_MESSAGE_TYPE, event.payloadType());
        if (event.payloadRevision() != null) {
            text(headers, AXON_MESSAGE_REVISION, event.payloadRevision());
        }
        headers.add(AXON_MESSAGE_TIMESTAMP, longBytes(event.occurredAt().toEpochMilli()));
        text(headers, AXON_AGGREGATE_ID, event.aggregateId());
        headers.add(AXON_AGGREGATE_SEQ, longBytes(event.sequenceNumber()));
        text(headers, AXON_AGGREGATE_TYPE, event.aggregateType());
        event.metadata().forEach((key, value) -> text(headers, AXON_METADATA_PREFIX + key, value));
        return new ProducerRecord<>(topic, null, event.aggregateId(), event.payload(), headers);
    }

    /**
     * Decodes a consumed record. The CloudEvents headers are read where present; records written before they
     * existed carry only the Axon headers (and no position: 0).
     *
     * @throws MalformedEventRecordException when a header every event needs is missing or unreadable
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        try {
            String eventId = firstText(headers, CE_ID, AXON_MESSAGE_ID);
            String type = firstText(headers, CE_TYPE, AXON_MESSAGE_TYPE);
            String aggregateType = firstText(headers, CE_AGGREGATE_TYPE, AXON_AGGREGATE_TYPE);
            String aggregateId = firstText(headers, CE_SUBJECT, AXON_AGGREGATE_ID);
            long version = text(headers, CE_AGGREGATE_VERSION) != null
                    ? Long.parseLong(text(headers, CE_AGGREGATE_VERSION))
                    : requiredLong(headers, AXON_AGGREGATE_SEQ) + 1;
            long position = text(headers, CE_POSITION) == null ? 0 : Long.parseLong(text(headers, CE_POSITION));
            Instant occurredAt = text(headers, CE_TIME) != null
                    ? Instant.parse(text(headers, CE_TIME))
                    : Instant.ofEpochMilli(requiredLong(headers, AXON_MESSAGE_TIMESTAMP));
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Header header : headers) {
                if (header.key().startsWith(AXON_METADATA_PREFIX) && header.value() != null) {
                    metadata.put(
                            header.key().substring(AXON_METADATA_PREFIX.length()),
                            new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            if (eventId == null || type == null || aggregateType == null || aggregateId == null) {
                throw new MalformedEventRecordException(
                        "record " + coordinates(record) + " lacks an event id, type, aggregate type or aggregate id");
            }
            if (record.value() == null) {
                throw new MalformedEventRecordException("record " + coordinates(record) + " has no value");
            }
            return new EventEnvelope(
                    eventId,
                    aggregateType,
                    aggregateId,
                    version,
                    position,
                    type,
                    text(headers, AXON_MESSAGE_REVISION),
                    occurredAt,
                    metadata,
                    record.value());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MalformedEventRecordException(
                    "record " + coordinates(record) + " has an unreadable header: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventRecordException("record " + coordinates(record) + ": " + e.getMessage(), e);
        }
    }

    public static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void text(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String firstText(Headers headers, String key, String fallbackKey) {
        String value = text(headers, key);
        return value != null ? value : text(headers, fallbackKey);
    }

    private static long requiredLong(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            throw new MalformedEventRecordException("header " + key + " is missing or not an 8-byte number");
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
