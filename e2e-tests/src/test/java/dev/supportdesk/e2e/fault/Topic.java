package dev.supportdesk.e2e.fault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of the ticket topic from its beginning to its end as of the call, with a plain
 * consumer that belongs to no group (it commits nothing, it moves no one's offsets).
 */
public final class Topic {

    static final String NAME = "support.ticket-events";
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final String bootstrapServers;

    Topic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * One record as the outbox published it: key = ticket id; the event id, type and sequence number from
     * the Axon extension's headers ({@code axon-message-aggregate-seq} holds the sequence as 8 bytes).
     */
    public record Record(int partition, long offset, String key, String eventId, long sequence, String type) {

        public long version() {
            return sequence + 1;
        }
    }

    public List<Record> readAll() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                50 * 1024 * 1024))) {
            List<TopicPartition> partitions = consumer.partitionsFor(NAME, READ_LIMIT).stream()
                    .map(info -> new TopicPartition(NAME, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_LIMIT);
            List<Record> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream()
                    .anyMatch(partition -> consumer.position(partition, READ_LIMIT) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Could not read " + NAME + " to its end within " + READ_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Record(
                            record.partition(),
                            record.offset(),
                            record.key(),
                            text(record.headers().lastHeader("axon-message-id")),
                            sequence(record.headers().lastHeader("axon-message-aggregate-seq")),
                            text(record.headers().lastHeader("axon-message-type"))));
                }
            }
            return records;
        }
    }

    public int partitions() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            return consumer.partitionsFor(NAME, READ_LIMIT).size();
        }
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long sequence(Header header) {
        return header == null || header.value().length != Long.BYTES
                ? -1
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
