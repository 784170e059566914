package dev.supportdesk.sla.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand.Received;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * sla-monitor as a whole: records in ticket-command's wire format on a real Kafka topic, saga and deadlines in a
 * real PostgreSQL, and a stand-in for ticket-command's HTTP API that records what it receives.
 */
class SlaMonitorIT {

    private static final String BASIC_SLA_MONITOR =
            "Basic " + Base64.getEncoder().encodeToString("sla-monitor:sla-monitor".getBytes());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private FakeTicketCommand ticketCommand;
    private String database;

    @BeforeEach
    void setUp() throws Exception {
        ticketCommand = new FakeTicketCommand();
        database = TestPostgres.newDatabase();
    }

    @AfterEach
    void tearDown() {
        contexts.forEach(ConfigurableApplicationContext::close);
        ticketCommand.close();
    }

    private ConfigurableApplicationContext startSlaMonitor(String topic, int partitions) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlaMonitorApplication.class)
                .run(
                        "--SLA_PORT=0",
                        "--DB_URL=" + database,
                        "--DB_USER=" + TestPostgres.USER,
                        "--DB_PASSWORD=" + TestPostgres.PASSWORD,
                        "--KAFKA_BOOTSTRAP=" + TestKafka.bootstrapServers(),
                        "--TICKET_TOPIC=" + topic,
                        "--TOPIC_PARTITIONS=" + partitions,
                        "--COMMAND_URL=" + ticketCommand.url(),
                        "--sla-monitor.deadline.first-retry=1s");
        contexts.add(context);
        return context;
    }

    private static String newTicketId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SlaClockStartedEvent started(String ticketId, Instant dueAt, Instant warnAt) {
        return new SlaClockStartedEvent(
                ticketId, SlaMetric.FIRST_RESPONSE, "default", "24x7", Duration.ofSeconds(2), dueAt, warnAt);
    }

    private static void send(String topic, String ticketId, long version, Object event, String correlationId) {
        TestKafka.send(TicketRecords.event(ticketId, version, event)
                .correlationId(correlationId)
                .record(topic));
    }

    private int scheduledTasks() throws Exception {
        return Integer.parseInt(queryOne("SELECT count(*) FROM sla_monitor.scheduled_tasks"));
    }

    private String queryOne(String sql) throws Exception {
        try (Connection connection = TestPostgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Test
    void exactlyOneWarningAndOneBreachArriveEvenWhenTheEventsAreDeliveredTwice() throws Exception {
        String topic = TestKafka.newTopic(3);
        String ticketId = newTicketId();
        // Stored before sla-monitor ever started: the saga's processor must read the topic from its first record.
        Instant warnAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = warnAt.plusSeconds(1);
        SlaClockStartedEvent event = started(ticketId, dueAt, warnAt);
        send(topic, ticketId, 1, event, "corr-open-1");
        send(topic, ticketId, 1, event, "corr-open-1");

        ConfigurableApplicationContext context = startSlaMonitor(topic, 3);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ticketCommand.receivedFor(ticketId).size() >= 2);
        // The same record once more, now that both deadlines have fired (a redelivery after a rebalance, say).
        send(topic, ticketId, 1, event, "corr-open-1");
        // Then nothing more: neither a second delivery nor a second firing.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == 2);

        List<Received> received = ticketCommand.receivedFor(ticketId);
        Received warning = received.stream()
                .filter(r -> r.path().endsWith("/sla/warnings"))
                .findFirst()
                .orElseThrow();
        Received breach = received.stream()
                .filter(r -> r.path().endsWith("/sla/breaches"))
                .findFirst()
                .orElseThrow();
        assertThat(warning.method()).isEqualTo("POST");
        assertThat(warning.path()).isEqualTo("/api/tickets/" + ticketId + "/sla/warnings");
        assertThat(warning.authorization()).isEqualTo(BASIC_SLA_MONITOR);
        assertThat(warning.correlationId()).isEqualTo("corr-open-1");
        JsonNode warningBody = JSON.readTree(warning.body());
        assertThat(warningBody.get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(Instant.parse(warningBody.get("warnAt").asText())).isEqualTo(warnAt);

        assertThat(breach.method()).isEqualTo("POST");
        assertThat(breach.path()).isEqualTo("/api/tickets/" + ticketId + "/sla/breaches");
        assertThat(breach.authorization()).isEqualTo(BASIC_SLA_MONITOR);
        assertThat(breach.correlationId()).isEqualTo("corr-open-1");
        assertThat(breach.contentType()).startsWith("application/json");
        JsonNode breachBody = JSON.readTree(breach.body());
        assertThat(breachBody.get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(Instant.parse(breachBody.get("dueAt").asText())).isEqualTo(dueAt);
        assertThat(breachBody.size()).isEqualTo(2);

        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    @Test
    void aPausedClockSendsNothing() throws Exception {
        // One partition: the probe ticket's events come after the paused ticket's, so once the probe's breach
        // arrives, the pause has certainly been handled.
        String topic = TestKafka.newTopic(1);
        startSlaMonitor(topic, 1);
        String paused = newTicketId();
        String probe = newTicketId();
        Instant dueAt = Instant.now().plusSeconds(2);

        send(topic, paused, 1, started(paused, dueAt, null), "corr-paused");
        send(
                topic,
                paused,
                2,
                new SlaClockPausedEvent(paused, SlaMetric.FIRST_RESPONSE, Duration.ofSeconds(1)),
                "corr-pending");
        send(topic, probe, 1, started(probe, dueAt, null), "corr-probe");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ticketCommand.receivedFor(probe).size() == 1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ticketCommand.receivedFor(paused).isEmpty());
        assertThat(scheduledTasks()).isZero();
    }

    @Test
    void aDeadlineSurvivesARestartOfTheApplication() throws Exception {
        String topic = TestKafka.newTopic(2);
        ConfigurableApplicationContext first = startSlaMonitor(topic, 2);
        String ticketId = newTicketId();
        Instant dueAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        send(topic, ticketId, 1, started(ticketId, dueAt, null), "corr-restart");

        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledTasks() == 1);
        // Axon wired its db-scheduler deadline manager by itself, on the Scheduler of the db-scheduler starter.
        assertThat(first.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(queryOne("SELECT task_name FROM sla_monitor.scheduled_tasks"))
                .isEqualTo("AxonDeadline");
        // Saga, consumer state and deadline live in sla_monitor.
        assertThat(queryOne("SELECT count(*) FROM sla_monitor.saga_entry")).isEqualTo("1");
        assertThat(queryOne("SELECT version FROM sla_monitor.consumer_stream WHERE consumer = 'ticket-sla' "
                        + "AND aggregate_id = '" + ticketId + "'"))
                .isEqualTo("1");
        first.close();
        assertThat(ticketCommand.receivedFor(ticketId)).isEmpty();

        startSlaMonitor(topic, 2);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == 1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == 1);
        Received breach = ticketCommand.receivedFor(ticketId).get(0);
        assertThat(breach.path()).isEqualTo("/api/tickets/" + ticketId + "/sla/breaches");
        assertThat(Instant.parse(JSON.readTree(breach.body()).get("dueAt").asText()))
                .isEqualTo(dueAt);
        assertThat(scheduledTasks()).isZero();
    }

    @Test
    void aBreachThatTicketCommandCouldNotTakeIsRetriedByTheScheduler() throws Exception {
        String topic = TestKafka.newTopic(1);
        startSlaMonitor(topic, 1);
        // Three 503s exhaust the client's attempts: the deadline fails, and db-scheduler runs it again.
        ticketCommand.answerNext(503, 503, 503);
        String ticketId = newTicketId();
        send(topic, ticketId, 1, started(ticketId, Instant.now().plusSeconds(1), null), "corr-retry");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == 4);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == 4);
        assertThat(scheduledTasks()).isZero();
    }
}
