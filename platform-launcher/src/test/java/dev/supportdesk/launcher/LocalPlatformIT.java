package dev.supportdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The infrastructure half of the local start against the real thing: PostgreSQL and a Kafka broker
 * process, an outage of the broker, and a restart of the whole platform on the same data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final String TOPIC = "launcher-check";
    private static Path dataDirectory;
    private static int[] ports;
    private static LocalPlatform platform;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        dataDirectory = Files.createTempDirectory(Path.of("target"), "launcher-it-");
        ports = Ports.freePorts(3);
        platform = newPlatform().start();
    }

    @AfterAll
    static void stopInfrastructure() throws IOException {
        if (platform != null) {
            platform.close();
        }
        // A PostgreSQL cluster and a Kafka log per run would pile up in target/ otherwise.
        try (java.util.stream.Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static LocalPlatform newPlatform() {
        return LocalPlatform.builder()
                .infrastructureOnly()
                .dataDirectory(dataDirectory)
                .postgresPort(ports[0])
                .kafkaPort(ports[1])
                .kafkaControllerPort(ports[2])
                .progressTo(new PrintStream(new ByteArrayOutputStream()))
                .build();
    }

    @Test
    @Order(1)
    void theApplicationRoleOwnsItsDatabaseAndMayCreateSchemas() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA launcher_check");
            statement.execute("CREATE TABLE launcher_check.note (text varchar(50))");
            statement.execute("INSERT INTO launcher_check.note VALUES ('kept')");
            try (ResultSet rows = statement.executeQuery("SELECT current_user, current_database()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("supportdesk");
                assertThat(rows.getString(2)).isEqualTo("supportdesk");
            }
        }
        assertThat(dataDirectory.resolve("postgres").resolve("PG_VERSION")).exists();
    }

    @Test
    @Order(2)
    void aKafkaClientCreatesATopicProducesAndConsumes() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(TOPIC);
        }
        produce("T-1", "before the outage");

        assertThat(consumeAll()).containsExactly("T-1=before the outage");
    }

    @Test
    @Order(3)
    void autoCreationOfTopicsIsOff() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()))) {
            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.partitionsFor("never-created", Duration.ofSeconds(3));
            } catch (RuntimeException expected) {
                // Depending on timing the client times out or is told the topic is unknown.
            }
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("never-created");
        }
    }

    @Test
    @Order(4)
    void theBrokerStopsAndStartsAgainOnItsData() throws Exception {
        platform.stopKafka();
        assertThat(platform.isKafkaRunning()).isFalse();
        assertThat(Ports.isFree(ports[1])).isTrue();

        platform.startKafka();

        assertThat(platform.isKafkaRunning()).isTrue();
        produce("T-2", "after the outage");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(consumeAll())
                        .containsExactlyInAnyOrder("T-1=before the outage", "T-2=after the outage"));
    }

    @Test
    @Order(5)
    void aSecondLauncherOnTheSameDataDirectoryIsRefused() {
        LocalPlatform second = LocalPlatform.builder()
                .infrastructureOnly()
                .dataDirectory(dataDirectory)
                .randomPorts()
                .progressTo(new PrintStream(new ByteArrayOutputStream()))
                .build();

        assertThatThrownBy(second::start)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("Another launcher is using the data directory");
        assertThat(platform.isKafkaRunning()).isTrue();
    }

    @Test
    @Order(6)
    void aRestartOfTheWholePlatformKeepsDatabaseAndTopicData() throws Exception {
        platform.close();
        assertThat(Ports.isFree(ports[0])).isTrue();
        assertThat(Ports.isFree(ports[1])).isTrue();

        platform = newPlatform().start();

        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT text FROM launcher_check.note")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
        assertThat(consumeAll()).containsExactlyInAnyOrder("T-1=before the outage", "T-2=after the outage");
    }

    @Test
    @Order(7)
    void aPortInUseIsNamedWithItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path otherData = Files.createTempDirectory(Path.of("target"), "launcher-clash-");
            LocalPlatform clashing = LocalPlatform.builder()
                    .infrastructureOnly()
                    .dataDirectory(otherData)
                    .randomPorts()
                    .kafkaPort(taken.getLocalPort())
                    .progressTo(new PrintStream(new ByteArrayOutputStream()))
                    .build();

            assertThatThrownBy(clashing::start)
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("KAFKA_PORT");
            // Nothing was started before the check, so nothing was left behind.
            assertThat(otherData.resolve("postgres")).doesNotExist();
        }
    }

    @Test
    @Order(8)
    void missingServiceJarsAreReportedBeforeAnythingStarts() throws IOException {
        Path emptyRoot = Files.createTempDirectory(Path.of("target"), "launcher-root-");
        LocalPlatform withServices = LocalPlatform.builder()
                .rootDirectory(emptyRoot)
                .services(Set.of(Service.TICKET_QUERY))
                .dataDirectory(emptyRoot.resolve("data"))
                .randomPorts()
                .progressTo(new PrintStream(new ByteArrayOutputStream()))
                .build();

        assertThatThrownBy(withServices::start)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("ticket-query-exec.jar")
                .hasMessageContaining("./mvnw -q -B -DskipTests package");
    }

    @Test
    @Order(9)
    void postgresRunsDurablyWhateverTheEmbeddedDefaultsSay() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
                    rows.next();
                    assertThat(rows.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    @Order(10)
    void aKilledPostgresComesBackByCrashRecoveryWithEveryCommittedTransaction() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE launcher_check.committed (n integer PRIMARY KEY)");
            // One transaction each, the last ones a moment before the kill: with asynchronous commit the
            // newest would still be in shared memory, which a crash throws away.
            for (int n = 1; n <= 500; n++) {
                statement.execute("INSERT INTO launcher_check.committed VALUES (" + n + ")");
            }
        }
        List<Long> before = platform.postgres().pids();
        // The postmaster and its children: checkpointer, WAL writer, autovacuum and the like.
        assertThat(before).hasSizeGreaterThan(3);
        long recoveries = logMentions("postgres.log", "automatic recovery in progress");

        platform.postgres().kill();

        assertThat(before)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .isNotEqualTo(java.util.Optional.of(true)));
        assertThat(platform.postgres().isRunning()).isFalse();
        assertThat(platform.postgres().pids()).isEmpty();
        assertThat(Ports.isFree(ports[0])).isTrue();

        platform.postgres().start();

        assertThat(logMentions("postgres.log", "automatic recovery in progress"))
                .as("a crash, not a clean stop")
                .isEqualTo(recoveries + 1);
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), max(n) FROM launcher_check.committed")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(500);
            assertThat(rows.getInt(2)).isEqualTo(500);
        }
        assertThat(platform.postgres().pids()).doesNotContainAnyElementsOf(before);
    }

    @Test
    @Order(11)
    void aStoppedPostgresShutsDownCleanlyAndStartsAgainOnItsData() throws Exception {
        List<Long> before = platform.postgres().pids();
        long recoveries = logMentions("postgres.log", "automatic recovery in progress");

        platform.postgres().stop();

        assertThat(platform.postgres().isRunning()).isFalse();
        assertThat(before)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .isNotEqualTo(java.util.Optional.of(true)));
        assertThatThrownBy(LocalPlatformIT::connect).isInstanceOf(SQLException.class);

        platform.postgres().start();

        assertThat(logMentions("postgres.log", "automatic recovery in progress"))
                .as("a clean stop needs no recovery")
                .isEqualTo(recoveries);
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM launcher_check.committed")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(500);
        }
    }

    @Test
    @Order(12)
    void aKilledBrokerStartsAgainWithEveryAcknowledgedRecord() throws Exception {
        produce("T-3", "before the crash");
        List<Long> before = platform.kafka().pids();
        assertThat(before).isNotEmpty();

        platform.kafka().kill();

        assertThat(platform.isKafkaRunning()).isFalse();
        assertThat(ProcessHandle.of(before.get(0)).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(Ports.isFree(ports[1])).isTrue();

        platform.kafka().start();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(consumeAll())
                        .containsExactlyInAnyOrder(
                                "T-1=before the outage", "T-2=after the outage", "T-3=before the crash"));
    }

    @Test
    @Order(13)
    void partsAreControlledOnlyWhileThePlatformRuns() {
        LocalPlatform notStarted = LocalPlatform.builder()
                .infrastructureOnly()
                .randomPorts()
                .dataDirectory(dataDirectory.resolve("never"))
                .progressTo(new PrintStream(new ByteArrayOutputStream()))
                .build();

        assertThatThrownBy(() -> notStarted.postgres().start()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> notStarted.kafka().kill()).isInstanceOf(IllegalStateException.class);
        assertThat(notStarted.postgres().isRunning()).isFalse();
    }

    private static long logMentions(String log, String text) throws IOException {
        try (java.util.stream.Stream<String> lines =
                Files.lines(platform.logDirectory().resolve(log))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(), "supportdesk", "supportdesk");
    }

    private static void produce(String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the beginning to its current end. */
    private static List<String> consumeAll() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return seen;
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
    }
}
