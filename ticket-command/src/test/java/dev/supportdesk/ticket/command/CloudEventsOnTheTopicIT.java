package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * What a client with no Axon and no code of this platform sees on the topic: a plain Kafka consumer reads a
 * ticket's events as CloudEvents (Kafka binding, binary mode), every attribute as text (docs/events.md).
 */
class CloudEventsOnTheTopicIT extends CommandApiTestSupport {

    @Test
    void aPlainKafkaConsumerReadsEachEventAsACloudEventWithTextHeaders() throws Exception {
        String id = openTicket();

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        TestKafka.bootstrapServers(),
                        "group.id",
                        "cloud-events-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        records.add(record);
                    }
                });
                return records.size() >= 3;
            });
        }

        ConsumerRecord<String, byte[]> opened = records.get(0);
        assertThat(text(opened, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(opened, "ce_id")).isNotBlank();
        assertThat(text(opened, "ce_source")).isEqualTo("/support-desk/ticket-command");
        assertThat(text(opened, "ce_type")).isEqualTo("dev.supportdesk.contract.events.TicketOpenedEvent");
        assertThat(text(opened, "ce_subject")).isEqualTo(id);
        assertThat(Instant.parse(text(opened, "ce_time")))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(text(opened, "content-type")).isEqualTo("application/json");
        assertThat(text(opened, "ce_aggregatetype")).isEqualTo("Ticket");
        JsonNode payload = JSON.readTree(opened.value());
        assertThat(payload.path("ticketId").asText()).isEqualTo(id);
        assertThat(payload.path("subject").asText()).isEqualTo("Printer on fire");

        assertThat(records)
                .extracting(record -> text(record, "ce_aggregateversion"))
                .containsExactly("1", "2", "3");
        List<Long> positions = records.stream()
                .map(record -> Long.parseLong(text(record, "ce_position")))
                .toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates().allMatch(position -> position > 0);
        assertThat(positions).isEqualTo(jdbc.queryForList("""
                SELECT global_index FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", Long.class, id));
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header value = record.headers().lastHeader(header);
        assertThat(value).as(header).isNotNull();
        return new String(value.value(), StandardCharsets.UTF_8);
    }
}
