package dev.supportdesk.testing;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process KRaft Kafka broker per test JVM, its client listener on 127.0.0.1 and a random port, started
 * on first use and stopped when the JVM ends. Suites share the broker and keep apart by topic:
 * {@link #newTopic(int)} gives each its own. Records go out through one shared producer configured like
 * ticket-command's publisher (idempotent, acks=all), so records of one key keep their order.
 * <p>
 * A test that stops and starts a broker needs a broker of its own: this one lives as long as the JVM.
 */
public final class TestKafka {

    // For topics that something creates by using them; the platform's ticket topic has six partitions.
    private static final int DEFAULT_PARTITIONS = 6;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static EmbeddedKafkaKraftBroker broker;
    private static String bootstrapServers;
    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {}

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            // The test kit names its listener "localhost" whatever address it is bound to.
            bootstrapServers = broker().getBrokersAsString().replace("localhost:", "127.0.0.1:");
        }
        return bootstrapServers;
    }

    /**
     * Creates a topic with a name no other test uses, as ticket-command's TicketTopic would (unlimited
     * retention), and returns its name once the broker has created it.
     */
    public static String newTopic(int partitions) {
        String name = "ticket-events-it-" + TOPICS.incrementAndGet();
        NewTopic topic = new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin().createTopics(List.of(topic)).all().get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
        return name;
    }

    /** Sends and waits for the broker's acknowledgement, so the record is on the topic when this returns. */
    public static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return acknowledged(producer().send(record));
    }

    /**
     * Sends many records without waiting for each in between (per-key order still holds: the producer is
     * idempotent), then waits for all of them; returns the partitions they went to.
     */
    public static Set<Integer> sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent =
                records.stream().map(producer()::send).toList();
        producer().flush();
        Set<Integer> partitions = new HashSet<>();
        for (Future<RecordMetadata> future : sent) {
            partitions.add(acknowledged(future).partition());
        }
        return partitions;
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
        try {
            return sent.get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("record not acknowledged", e);
        }
    }

    private static synchronized EmbeddedKafkaKraftBroker broker() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
            // The test kit's default host is "localhost", which may also bind the IPv6 loopback.
            started.brokerProperty("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
            started.afterPropertiesSet();
            broker = started;
            // One hook, so that the clients close before the broker they talk to goes away.
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
        }
        return broker;
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    private static synchronized void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        broker.destroy();
    }
}
