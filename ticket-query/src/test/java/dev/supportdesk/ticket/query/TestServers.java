package dev.supportdesk.ticket.query;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One PostgreSQL and one Kafka broker per test JVM, on loopback and random ports, started on first use and
 * stopped when the JVM ends. Each test database and topic has its own name, so suites stay independent.
 */
public final class TestServers {

    public static final int PARTITIONS = 6;

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static KafkaProducer<String, byte[]> producer;

    private TestServers() {
    }

    public static synchronized String jdbcUrl(String database) {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        }
        return kafka.getBrokersAsString();
    }

    /** Creates the topic with the platform's partition count; the application would do it too, but later. */
    public static synchronized void createTopic(String topic) {
        kafkaBootstrap();
        if (!kafka.getTopics().contains(topic)) {
            kafka.addTopics(new NewTopic(topic, PARTITIONS, (short) 1));
        }
    }

    /** Sends and waits for the broker's acknowledgement, so a test knows the record is on the topic. */
    public static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("record not acknowledged", e);
        }
    }

    /** Sends many records without waiting for each (per-key order holds: idempotent producer); returns their partitions. */
    public static java.util.Set<Integer> sendAll(java.util.List<ProducerRecord<String, byte[]>> records) {
        java.util.List<java.util.concurrent.Future<RecordMetadata>> sent = records.stream().map(producer()::send).toList();
        producer().flush();
        java.util.Set<Integer> partitions = new java.util.HashSet<>();
        for (java.util.concurrent.Future<RecordMetadata> future : sent) {
            try {
                partitions.add(future.get(10, TimeUnit.SECONDS).partition());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("record not acknowledged", e);
            }
        }
        return partitions;
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
