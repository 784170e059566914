package dev.supportdesk.ticket.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.kafka.EventRecords;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.ticket.command.TicketCommandApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outbox against a real PostgreSQL and a real broker, each test on a store and topic of its own: an event
 * whose transaction commits long after later ones is still published (no gap timeout), a rolled-back position
 * holds nothing back, positions that go backwards stop it loudly, and a second instance takes over when the one
 * that publishes goes away. Events are written straight into the event table, the way a command's transaction
 * writes them, so that a test can hold one open.
 */
class OutboxIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String topic = TestKafka.newTopic(3);
    private final String database = TestPostgres.newDatabase();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private KafkaConsumer<String, byte[]> reader;

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void anEventWhoseTransactionStaysOpenPastAMinuteIsPublishedWhenItCommitsAndHoldsNothingElseBack()
            throws SQLException {
        ConfigurableApplicationContext service = start();
        try (Connection held = connect()) {
            held.setAutoCommit(false);
            String late = insert(held, "HELD-1");
            long latePosition = position(held, late);

            List<String> after = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                after.add(insertCommitted("AFTER-" + i));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKeys(after.toArray(String[]::new)));

            Instant opened = Instant.now();
            // Axon's JDBC store gave up on such a gap after 60 s and never published the event.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Duration.between(opened, Instant.now()).compareTo(Duration.ofSeconds(61)) > 0
                            && outbox(service).path("openPositions").asInt() >= 1
                            && storedCursor() < latePosition);
            assertThat(read()).doesNotContainKey(late);

            held.commit();

            await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKey(late));
            await().atMost(WAIT).until(() -> storedCursor() >= latePosition);
        }
        assertThat(published.values()).as("each event once").containsOnly(1);
    }

    @Test
    void aRolledBackPositionHoldsNothingBack() throws SQLException {
        start();
        try (Connection rolledBack = connect()) {
            rolledBack.setAutoCommit(false);
            insert(rolledBack, "GONE-1");
            rolledBack.rollback();
        }
        String after = insertCommitted("KEPT-1");
        long afterPosition;
        try (Connection connection = connect()) {
            afterPosition = position(connection, after);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKey(after));
        await().atMost(WAIT).until(() -> storedCursor() == afterPosition);
    }

    @Test
    void positionsThatGoBackwardsStopTheOutboxLoudlyInsteadOfPublishingThem() throws Exception {
        ConfigurableApplicationContext service = start();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            before.add(insertCommitted("SEEN-" + i));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKeys(before.toArray(String[]::new)));
        await().atMost(WAIT).until(() -> storedCursor() >= 4);

        // What a database that lost its last commits looks like: events and sequence from an earlier moment.
        try (Connection connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("DELETE FROM domain_event_entry WHERE global_index > 2");
            statement.execute("SELECT setval('domain_event_entry_global_index_seq', 2)");
        }
        String reused = insertCommitted("AGAIN-1");

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = health(service);
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode outbox = JSON.readTree(health.body()).path("components").path("outbox");
            assertThat(outbox.path("status").asText()).isEqualTo("DOWN");
            assertThat(outbox.path("details").path("state").asText()).isEqualTo("REFUSING");
            assertThat(outbox.path("details").path("problem").asText()).contains("went backwards");
        });
        assertThat(read()).as("a position it already passed is never published").doesNotContainKey(reused);
    }

    @Test
    void anotherInstanceTakesOverWhenTheOnePublishingGoesAway() throws Exception {
        ConfigurableApplicationContext first = start();
        ConfigurableApplicationContext second = start();
        await().atMost(WAIT).until(() -> states(first, second).containsAll(List.of("PUBLISHING", "STANDBY")));
        ConfigurableApplicationContext leader =
                "PUBLISHING".equals(outbox(first).path("state").asText()) ? first : second;
        ConfigurableApplicationContext standby = leader == first ? second : first;

        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(insertCommitted("BOTH-" + i));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKeys(events.toArray(String[]::new)));
        assertThat(published.values())
                .as("one instance publishes: each event once")
                .containsOnly(1);

        leader.close();
        instances.remove(leader);
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add(insertCommitted("LATER-" + i));
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(read()).containsKeys(later.toArray(String[]::new)));
        // The records are on the topic as soon as Kafka acknowledges them; the relay reports PUBLISHING only after
        // it has also stored its cursor.
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(outbox(standby).path("state").asText()).isEqualTo("PUBLISHING"));
    }

    // ---- the event table, as a command's transaction writes it

    private String insertCommitted(String aggregateId) throws SQLException {
        try (Connection connection = connect()) {
            return insert(connection, aggregateId);
        }
    }

    private String insert(Connection connection, String aggregateId) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Ticket', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '1', ?, ?)""")) {
            insert.setString(1, eventId);
            insert.setString(2, aggregateId + "-" + sequence.incrementAndGet());
            insert.setString(3, Instant.now().toString());
            insert.setBytes(4, ("{\"ticketId\":\"" + aggregateId + "\",\"body\":\"note\"}").getBytes());
            insert.setBytes(5, "{\"actor\":\"outbox-it\",\"actorRole\":\"SYSTEM\"}".getBytes());
            insert.executeUpdate();
        }
        return eventId;
    }

    private long position(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")) {
            query.setString(1, eventId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long storedCursor() throws SQLException {
        try (Connection connection = connect();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT position FROM outbox_cursor WHERE name = 'kafka'")) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
        connection.setSchema("ticket_command");
        return connection;
    }

    // ---- the topic and the service

    /** Every event id on the topic so far, with how often it is there. */
    private Map<String, Integer> read() {
        if (reader == null) {
            reader = new KafkaConsumer<>(
                    Map.of(
                            "bootstrap.servers",
                            TestKafka.bootstrapServers(),
                            "group.id",
                            "outbox-it-" + UUID.randomUUID(),
                            "enable.auto.commit",
                            false),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
            published.merge(EventRecords.fromRecord(record).eventId(), 1, Integer::sum);
        }
        return published;
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketCommandApplication.class)
                .profiles("demo")
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--support.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--support.kafka.topic=" + topic,
                        "--support.kafka.partitions=3",
                        "--management.endpoint.health.show-details=always",
                        "--logging.level.org.apache.kafka=WARN",
                        "--spring.jmx.enabled=false");
        instances.add(context);
        return context;
    }

    private static List<String> states(ConfigurableApplicationContext... contexts) throws Exception {
        List<String> states = new ArrayList<>();
        for (ConfigurableApplicationContext context : contexts) {
            states.add(outbox(context).path("state").asText());
        }
        return states;
    }

    private static JsonNode outbox(ConfigurableApplicationContext context) throws Exception {
        return JSON.readTree(health(context).body())
                .path("components")
                .path("outbox")
                .path("details");
    }

    private static HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
