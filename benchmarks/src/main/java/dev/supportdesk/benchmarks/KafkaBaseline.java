package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * Kafka's own round trip on the platform's broker: each client sends a ~1 KB record with the outbox's producer
 * settings (acks=all, idempotent, linger.ms=0, one producer shared by all clients) and waits until a consumer
 * polling the same partition has it. The scratch topic is deleted at {@link #close()}.
 */
final class KafkaBaseline implements AutoCloseable {

    static final String TOPIC = "bench.baseline";
    private static final Duration ROUND_TRIP_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final PhaseRunner runner;
    private final Admin admin;
    private final AtomicLong sequence = new AtomicLong();

    KafkaBaseline(String bootstrap, PhaseRunner runner) {
        this.bootstrap = bootstrap;
        this.runner = runner;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
        try {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            admin.close();
            throw new BenchmarkException("The Kafka baseline could not create its topic: " + e.getMessage(), e);
        }
    }

    Phase run(PhaseRunner.Load load, Duration duration) {
        Samples roundTrip = new Samples("Kafka send -> consumer has it");
        Samples acked = new Samples("Kafka send, acks=all, ack");
        Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition, Duration.ofSeconds(30));
            Thread reader = new Thread(
                    () -> {
                        while (!stop.get()) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                                CompletableFuture<Long> waiter = pending.remove(record.key());
                                if (waiter != null) {
                                    waiter.complete(System.nanoTime());
                                }
                            }
                        }
                    },
                    "bench-kafka-consumer");
            reader.setDaemon(true);
            reader.start();
            try {
                return runner.run("kafka-baseline", load, duration, roundTrip, List.of(roundTrip, acked), intended -> {
                    long n = sequence.incrementAndGet();
                    String key = "m-" + n;
                    CompletableFuture<Long> consumed = new CompletableFuture<>();
                    pending.put(key, consumed);
                    try {
                        producer.send(new ProducerRecord<>(TOPIC, key, Payloads.event((int) n)))
                                .get(ROUND_TRIP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        acked.add(System.nanoTime() - intended);
                        long at = consumed.get(ROUND_TRIP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        roundTrip.add(at - intended);
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        pending.remove(key);
                        roundTrip.fail(e.toString());
                    }
                });
            } finally {
                stop.set(true);
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("Interrupted during the Kafka baseline");
        }
    }

    @Override
    public void close() {
        try {
            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("[bench] Could not delete " + TOPIC + ": " + e.getMessage());
        } finally {
            admin.close();
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
