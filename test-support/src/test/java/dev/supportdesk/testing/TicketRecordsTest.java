package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

/** The records match docs/events.md header by header, and read back as the services' consumers read them. */
class TicketRecordsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final SlaClockStartedEvent STARTED = new SlaClockStartedEvent(
            "T-9",
            SlaMetric.FIRST_RESPONSE,
            "default",
            "24x7",
            Duration.ofHours(4),
            T0.plus(Duration.ofHours(4)),
            T0.plus(Duration.ofHours(3)));

    @Test
    void recordCarriesTheDocumentedKeyHeadersAndJson() throws Exception {
        ProducerRecord<String, byte[]> record = TicketRecords.event("T-9", 5, STARTED)
                .actor("bob")
                .at(T0)
                .correlationId("corr-1")
                .causationId("cmd-1")
                .record("topic");

        assertThat(record.topic()).isEqualTo("topic");
        assertThat(record.key()).isEqualTo("T-9");
        assertThat(record.partition()).isNull();
        Headers headers = record.headers();
        assertThat(text(headers, "axon-message-id")).isNotBlank();
        assertThat(text(headers, "axon-message-type")).isEqualTo(SlaClockStartedEvent.class.getName());
        assertThat(text(headers, "axon-message-revision")).isEqualTo("1");
        assertThat(number(headers, "axon-message-timestamp")).isEqualTo(T0.toEpochMilli());
        assertThat(text(headers, "axon-message-aggregate-id")).isEqualTo("T-9");
        assertThat(number(headers, "axon-message-aggregate-seq")).isEqualTo(4);
        assertThat(text(headers, "axon-message-aggregate-type")).isEqualTo("Ticket");
        assertThat(text(headers, "axon-metadata-actor")).isEqualTo("bob");
        assertThat(text(headers, "axon-metadata-actorRole")).isEqualTo("AGENT");
        assertThat(text(headers, "axon-metadata-correlationId")).isEqualTo("corr-1");
        assertThat(text(headers, "axon-metadata-causationId")).isEqualTo("cmd-1");

        JsonNode json = new ObjectMapper().readTree(record.value());
        assertThat(json.fieldNames().next()).isEqualTo("ticketId");
        assertThat(json.get("target").asText()).isEqualTo("PT4H");
        assertThat(json.get("dueAt").asText()).isEqualTo("2026-03-02T13:00:00Z");
    }

    @Test
    void recordCarriesTheCloudEventsHeadersAsPlainText() {
        ProducerRecord<String, byte[]> record =
                TicketRecords.event("T-9", 5, STARTED).at(T0).position(42).record("topic");

        Headers headers = record.headers();
        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo(text(headers, "axon-message-id"));
        assertThat(text(headers, "ce_source")).isEqualTo("/support-desk/ticket-command");
        assertThat(text(headers, "ce_type")).isEqualTo(SlaClockStartedEvent.class.getName());
        assertThat(text(headers, "ce_time")).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(text(headers, "ce_subject")).isEqualTo("T-9");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
        assertThat(text(headers, "ce_aggregatetype")).isEqualTo("Ticket");
        assertThat(text(headers, "ce_aggregateversion")).isEqualTo("5");
        assertThat(text(headers, "ce_position")).isEqualTo("42");
    }

    @Test
    void consumerReadsADomainEventAtVersionMinusOne() {
        ProducerRecord<String, byte[]> record = TicketRecords.record("topic", "T-9", 3, STARTED, "sla-monitor", T0);

        EventMessage<?> read = TicketRecords.read(TicketRecords.received(record, 7));

        assertThat(read).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> message = (DomainEventMessage<?>) read;
        assertThat(message.getAggregateIdentifier()).isEqualTo("T-9");
        assertThat(message.getSequenceNumber()).isEqualTo(2);
        assertThat(message.getType()).isEqualTo("Ticket");
        assertThat(message.getTimestamp()).isEqualTo(T0);
        assertThat(message.getPayload()).isEqualTo(STARTED);
        assertThat(message.getMetaData()).containsEntry("actor", "sla-monitor").containsEntry("actorRole", "SYSTEM");
    }

    @Test
    void oneEventGivesTheSameRecordTwiceAndTwoEventsTwoMessageIds() {
        TicketRecords.Event event = TicketRecords.event("T-9", 1, STARTED);

        assertThat(text(event.record("t").headers(), "axon-message-id"))
                .isEqualTo(text(event.record("t").headers(), "axon-message-id"));
        assertThat(text(TicketRecords.event("T-9", 1, STARTED).record("t").headers(), "axon-message-id"))
                .isNotEqualTo(text(event.record("t").headers(), "axon-message-id"));
    }

    @Test
    void versionsStartAtOne() {
        assertThatThrownBy(() -> TicketRecords.event("T-9", 0, STARTED)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String key) {
        return ByteBuffer.wrap(headers.lastHeader(key).value()).getLong();
    }
}
