package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Commands succeed while Kafka is unreachable, and the stored events reach the topic within seconds once a
 * broker answers. This service instance has its own database, so no other test's publisher holds its token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageIT extends ApiTestClient {

    private static final String TOPIC = "support.ticket-events.outage";
    private static final int KAFKA_PORT = freePort();
    private static final String DATABASE = TestPostgres.newDatabase();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        String bootstrap = "127.0.0.1:" + KAFKA_PORT;
        registry.add("support.kafka.bootstrap-servers", () -> bootstrap);
        registry.add("support.kafka.topic", () -> TOPIC);
        registry.add("support.kafka.partitions", () -> 2);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @Test
    void commandsSucceedWhileKafkaIsDownAndTheirEventsFollowWhenItIsBack() {
        long started = System.nanoTime();
        String id = openTicket();
        Answer assigned = post("/api/tickets/" + id + "/assign", "{\"assignee\":\"alice\"}")
                .as("alice")
                .send();
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // Beside the ticket, the store holds only what the start recorded: the user directory.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        id))
                .isEqualTo(4);
        long directory = eventRows() - 4;
        assertThat(directory).isPositive();

        // kafkaPorts() is not applied by the KRaft broker: name the test kit's listeners with the fixed port
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + KAFKA_PORT + ",CONTROLLER://localhost:0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(25)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 4 + directory;
            });
        }
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id, "directory:users");
        assertThat(records.stream().filter(record -> id.equals(record.key())))
                .extracting(record -> ByteBuffer.wrap(record.headers()
                                .lastHeader("axon-message-aggregate-seq")
                                .value())
                        .getLong())
                .containsExactly(0L, 1L, 2L, 3L);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
