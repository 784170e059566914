package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw Kafka on the platform's broker: one producer with acks=all and idempotence, as the outbox has,
 * sends ~1 KB records to a scratch topic one at a time and waits for each acknowledgement. A consumer
 * reading the same partition meanwhile gives the produce-to-consume time of each record.
 */
final class KafkaBaseline {

    static final String TOPIC = "bench.baseline";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** The producer's acknowledged sends, and the time until the consumer had each record. */
    record Result(Samples acked, Samples consumed) {}

    private final String bootstrap;

    KafkaBaseline(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    Result run(int warmup, int count) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return measure(warmup, count);
            } finally {
                admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("Interrupted during the Kafka baseline");
        } catch (BenchmarkException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkException("The Kafka baseline failed: " + e.getMessage(), e);
        }
    }

    private Result measure(int warmup, int count) throws Exception {
        Samples acked = new Samples("Kafka send, acks=all, wait for ack");
        Samples consumed = new Samples("Kafka send -> consumer has it");
        AtomicLongArray sentAt = new AtomicLongArray(count);
        CountDownLatch allConsumed = new CountDownLatch(count);
        AtomicBoolean stop = new AtomicBoolean();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition, Duration.ofSeconds(30));
            Thread reader = new Thread(
                    () -> {
                        while (!stop.get()) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                                long now = System.nanoTime();
                                if (record.key().startsWith("m-")) {
                                    int i = Integer.parseInt(record.key().substring(2));
                                    consumed.add(now - sentAt.get(i));
                                    allConsumed.countDown();
                                }
                            }
                        }
                    },
                    "bench-kafka-consumer");
            reader.setDaemon(true);
            reader.start();
            try {
                for (int i = 0; i < warmup; i++) {
                    send(producer, "w-" + i, Payloads.event(i), new Samples("warm-up"), null, 0);
                }
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    send(producer, "m-" + i, Payloads.event(i), acked, sentAt, i);
                }
                acked.wallNanos(System.nanoTime() - start);
                if (!allConsumed.await(30, TimeUnit.SECONDS)) {
                    consumed.fail(allConsumed.getCount() + " records not consumed within 30 s");
                }
                consumed.wallNanos(System.nanoTime() - start);
            } finally {
                stop.set(true);
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        return new Result(acked, consumed);
    }

    private static void send(
            KafkaProducer<String, byte[]> producer,
            String key,
            byte[] value,
            Samples samples,
            AtomicLongArray sentAt,
            int index)
            throws InterruptedException {
        long start = System.nanoTime();
        if (sentAt != null) {
            sentAt.set(index, start);
        }
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            samples.add(System.nanoTime() - start);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            samples.fail(e.toString());
        }
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.CLIENT_ID_CONFIG,
                "bench-baseline-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "bench-baseline-consumer",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
    }
}
