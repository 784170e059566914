package dev.supportdesk.ticket.command;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The heavy servers of the integration tests, started once per test JVM and shared by every IT class:
 * a real PostgreSQL on a random loopback port and an in-process KRaft Kafka broker.
 */
final class SharedInfrastructure {

    static final String TOPIC = "support.ticket-events.it";
    static final int PARTITIONS = 3;

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private SharedInfrastructure() {
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                postgres = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return postgres;
    }

    static synchronized EmbeddedKafkaKraftBroker kafka() {
        if (kafka == null) {
            // the topic is created by the service itself (TicketTopic), as in production
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            // the client listener on the loopback address only (the test kit's default host is "localhost")
            broker.brokerProperty("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://localhost:0");
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            kafka = broker;
        }
        return kafka;
    }

    static String jdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }
}
