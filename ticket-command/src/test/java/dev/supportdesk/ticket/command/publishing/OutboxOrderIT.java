package dev.supportdesk.ticket.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import dev.supportdesk.platform.kafka.TicketTopic;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A ticket's events reach the topic in version order whatever commits while the outbox reads. The outbox reads
 * twice per round (the open positions it passed earlier, and what is new after them), each in a snapshot of its
 * own; a ticket whose open version N commits, and whose version N + 1 is stored, between those two reads must
 * not have N + 1 published first. The test makes exactly that happen, right after either read, by running the
 * two commits inside the outbox's own statement.
 */
class OutboxOrderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The read of the round after which the ticket's two commits happen. */
    enum CommitsAfter {
        /** {@code WHERE global_index = ANY (?)}: the open positions. */
        OPEN_POSITIONS_READ("global_index = ANY"),
        /** {@code WHERE global_index > ? ORDER BY}: what is new. */
        NEW_EVENTS_READ("global_index > ? ORDER BY");

        private final String sql;

        CommitsAfter(String sql) {
            this.sql = sql;
        }
    }

    private final String database = TestPostgres.newDatabase();
    private final String topicName = TestKafka.newTopic(3);
    private final AtomicReference<Runnable> afterRead = new AtomicReference<>();
    private final AtomicReference<String> armedFor = new AtomicReference<>();
    private TicketTopic topic;
    private OutboxRelay relay;

    @BeforeEach
    void migrate() {
        Flyway.configure()
                .dataSource(database, TestPostgres.USER, TestPostgres.PASSWORD)
                .schemas("ticket_command")
                .defaultSchema("ticket_command")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
        if (topic != null) {
            topic.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(CommitsAfter.class)
    void aTicketsNextVersionStoredWhileTheOutboxReadsIsNeverPublishedBeforeTheOneBelowIt(CommitsAfter moment)
            throws Exception {
        start();
        try (Connection held = connect()) {
            held.setAutoCommit(false);
            insert(held, "T-HELD", 0);
            // A later commit of another ticket makes the held version an open position the outbox read past.
            insertCommitted("T-OTHER", 0);
            await().atMost(WAIT).until(() -> relay.openPositions() == 1);

            afterRead.set(() -> {
                try {
                    held.commit();
                    insertCommitted("T-HELD", 1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            armedFor.set(moment.sql);

            await().atMost(WAIT).until(() -> armedFor.get() == null);
        }

        List<Long> versions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    EventEnvelope event = EventRecords.fromRecord(record);
                    if (event.aggregateId().equals("T-HELD")) {
                        versions.add(event.version());
                    }
                }
                return versions.containsAll(List.of(1L, 2L));
            });
        }
        assertThat(versions.subList(0, 2))
                .as("T-HELD's versions as they reached the topic")
                .containsExactly(1L, 2L);
    }

    private void start() throws Exception {
        topic = new TicketTopic(topicName, 3, (short) 1, TestKafka.bootstrapServers());
        topic.start();
        topic.awaitCreated(WAIT);
        PublishingProperties properties = new PublishingProperties(
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                200,
                Duration.ofMillis(50),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        relay = new OutboxRelay(
                interceptingDataSource(),
                () -> PublishingConfiguration.producer(topic, properties),
                topic,
                properties,
                Clock.systemUTC());
        relay.start();
    }

    // ---- the outbox's connections: run the armed commits right after the armed read returns

    private DataSource interceptingDataSource() {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setURL(database);
        plain.setUser(TestPostgres.USER);
        plain.setPassword(TestPostgres.PASSWORD);
        plain.setCurrentSchema("ticket_command");
        return proxy(
                DataSource.class,
                plain,
                (method, args, result) -> result instanceof Connection connection
                        ? proxy(Connection.class, connection, this::statements)
                        : result);
    }

    private Object statements(java.lang.reflect.Method method, Object[] args, Object result) {
        if (!(result instanceof PreparedStatement statement)
                || !method.getName().equals("prepareStatement")) {
            return result;
        }
        String sql = (String) args[0];
        return proxy(PreparedStatement.class, statement, (called, calledArgs, answer) -> {
            String armed = armedFor.get();
            if (called.getName().equals("executeQuery") && armed != null && sql.contains(armed)) {
                Runnable commits = afterRead.getAndSet(null);
                if (commits != null) {
                    commits.run();
                    armedFor.set(null);
                }
            }
            return answer;
        });
    }

    private interface AfterCall {
        Object apply(java.lang.reflect.Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    // ---- the event table, as a command's transaction writes it

    private void insertCommitted(String aggregateId, int sequenceNumber) throws SQLException {
        try (Connection connection = connect()) {
            insert(connection, aggregateId, sequenceNumber);
        }
    }

    private static void insert(Connection connection, String aggregateId, int sequenceNumber) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Ticket', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregateId);
            insert.setInt(3, sequenceNumber);
            insert.setString(4, Instant.now().toString());
            insert.setBytes(5, ("{\"ticketId\":\"" + aggregateId + "\",\"body\":\"note\"}").getBytes());
            insert.setBytes(6, "{\"actor\":\"outbox-order-it\",\"actorRole\":\"SYSTEM\"}".getBytes());
            insert.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
        connection.setSchema("ticket_command");
        return connection;
    }

    private KafkaConsumer<String, byte[]> reader() {
        KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        TestKafka.bootstrapServers(),
                        "group.id",
                        "outbox-order-it-" + UUID.randomUUID(),
                        "enable.auto.commit",
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = reader.partitionsFor(topicName).stream()
                .map(info -> new TopicPartition(topicName, info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        return reader;
    }
}
