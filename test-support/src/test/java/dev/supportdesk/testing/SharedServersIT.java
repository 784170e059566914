package dev.supportdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The shared servers: separate databases and topics, loopback addresses, records acknowledged and in key order. */
class SharedServersIT {

    record Numbered(String ticketId, int n) {}

    @Test
    void everyNewDatabaseIsEmptyAndSeparateOnTheLoopbackAddress() throws Exception {
        String first = TestPostgres.newDatabase();
        String second = TestPostgres.newDatabase();

        assertThat(first).startsWith("jdbc:postgresql://127.0.0.1:").isNotEqualTo(second);
        try (Connection connection = TestPostgres.connect(first);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id int)");
        }
        try (Connection connection = TestPostgres.connect(second);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void newTopicHasItsPartitionsAndUnlimitedRetention() throws Exception {
        String topic = TestKafka.newTopic(4);

        assertThat(TestKafka.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(TestKafka.newTopic(4)).isNotEqualTo(topic);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .hasSize(4);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void sentRecordsArriveInOrderPerKeyAndReportTheirPartitions() {
        String topic = TestKafka.newTopic(3);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        IntStream.rangeClosed(1, 20)
                .forEach(version -> IntStream.range(0, 6)
                        .forEach(ticket -> records.add(
                                TicketRecords.event("T-" + ticket, version, new Numbered("T-" + ticket, version))
                                        .record(topic))));

        Set<Integer> partitions = TestKafka.sendAll(records);
        int single = TestKafka.send(
                        TicketRecords.event("T-x", 1, new Numbered("T-x", 1)).record(topic))
                .partition();

        assertThat(partitions).isNotEmpty().allMatch(p -> p >= 0 && p < 3);
        assertThat(single).isBetween(0, 2);
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "test-support-it",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= 121;
            });
        }
        for (int ticket = 0; ticket < 6; ticket++) {
            String key = "T-" + ticket;
            assertThat(received.stream()
                            .filter(r -> r.key().equals(key))
                            .map(r -> TicketRecords.read(r).getPayload())
                            .map(payload -> ((Numbered) payload).n()))
                    .as(key)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 20).boxed().toList());
        }
    }
}
