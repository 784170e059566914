package dev.supportdesk.sla.monitor.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The heavy servers of the integration tests, started once per test JVM and stopped when it exits: an embedded
 * PostgreSQL on a random loopback port and an in-process KRaft Kafka broker. Each test gets its own database and
 * its own topic, so tests never see each other's data.
 */
public final class Infrastructure {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private Infrastructure() {
    }

    public static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.destroy();
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
    }

    public static String bootstrapServers() {
        return kafka.getBrokersAsString();
    }

    /** A fresh, empty database; returns its JDBC URL (user and password: postgres). */
    public static String newDatabase() {
        String name = "sla_it_" + NAMES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    /** A new topic with the given number of partitions, as ticket-command's TicketTopic would create it. */
    public static String newTopic(int partitions) {
        String name = "ticket-events-it-" + NAMES.incrementAndGet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** A producer configured as ticket-command's publisher: acks=all, idempotent. */
    public static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }
}
