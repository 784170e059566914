package dev.supportdesk.sla.monitor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.sla.monitor.SlaMonitorApplication;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand.Answer;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A warning or breach that ticket-command refuses stays pending, listed with its reason in sla-monitor's PostgreSQL
 * schema, health and metrics, and is retried until ticket-command records it: real PostgreSQL and Kafka, and a
 * stand-in for ticket-command's HTTP API.
 */
class SlaDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRONG_PASSWORD = "Sign in with a valid user name and password (HTTP Basic)";

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

    /** The demo profile only for its admin user, who may read the health details. */
    private ConfigurableApplicationContext startSlaMonitor(
            String topic, String firstRetry, String maxRetry, String notDueRetry) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlaMonitorApplication.class)
                .profiles("demo")
                .run(
                        "--SLA_PORT=0",
                        "--DB_URL=" + database,
                        "--DB_USER=" + TestPostgres.USER,
                        "--DB_PASSWORD=" + TestPostgres.PASSWORD,
                        "--KAFKA_BOOTSTRAP=" + TestKafka.bootstrapServers(),
                        "--TICKET_TOPIC=" + topic,
                        "--TOPIC_PARTITIONS=1",
                        "--COMMAND_URL=" + ticketCommand.url(),
                        "--sla-monitor.deadline.first-retry=" + firstRetry,
                        "--sla-monitor.deadline.max-retry=" + maxRetry,
                        "--sla-monitor.deadline.not-due-retry=" + notDueRetry);
        contexts.add(context);
        return context;
    }

    private void send(String topic, String ticketId, long version, Object event) {
        TestKafka.send(TicketRecords.event(ticketId, version, event)
                .correlationId("corr-" + ticketId)
                .record(topic));
    }

    private static SlaClockStartedEvent started(String ticketId, Instant dueAt) {
        return new SlaClockStartedEvent(
                ticketId, SlaMetric.FIRST_RESPONSE, "default", "24x7", Duration.ofSeconds(1), dueAt, null);
    }

    private static String newTicketId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<PendingSlaCommand> pendingFor(ConfigurableApplicationContext context, String ticketId) {
        return context.getBean(PendingSlaCommands.class).list().stream()
                .filter(command -> command.ticketId().equals(ticketId))
                .toList();
    }

    private int count(String sql) throws Exception {
        try (Connection connection = TestPostgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static HttpResponse<String> health(ConfigurableApplicationContext context, String user) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        if (user != null) {
            request.header(
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double gauge(ConfigurableApplicationContext context, String name) {
        return context.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    @Test
    void aBreachRefusedForWrongCredentialsStaysPendingAndIsRecordedOnceTheyAreRight() throws Exception {
        String topic = TestKafka.newTopic(1);
        ticketCommand.answerEveryRequest(Answer.problem(401, null, WRONG_PASSWORD));
        ConfigurableApplicationContext context = startSlaMonitor(topic, "1s", "2s", "1s");
        String ticketId = newTicketId();
        Instant dueAt = soon();

        send(topic, ticketId, 1, started(ticketId, dueAt));

        // Pending, with its reason, and retried: the attempts grow while ticket-command keeps refusing.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> pendingFor(context, ticketId).stream().anyMatch(command -> command.attempts() >= 2));
        PendingSlaCommand pending = pendingFor(context, ticketId).get(0);
        assertThat(pending.kind()).isEqualTo(PendingSlaCommand.Kind.BREACH);
        assertThat(pending.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
        assertThat(pending.at()).isEqualTo(dueAt);
        assertThat(pending.lastError()).isEqualTo(new DeliveryError(401, null, WRONG_PASSWORD));
        assertThat(pending.firstFailedAt()).isBefore(pending.lastAttemptAt());
        assertThat(Duration.between(pending.lastAttemptAt(), pending.nextAttemptAt()))
                .isIn(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(ticketCommand.answeredOk()).isZero();
        // In sla-monitor's schema, so that every instance sees it and it survives a restart.
        assertThat(count("SELECT count(*) FROM sla_monitor.pending_sla_command"))
                .isEqualTo(1);

        HttpResponse<String> adminHealth = health(context, "admin");
        assertThat(adminHealth.statusCode()).isEqualTo(200);
        JsonNode healthBody = JSON.readTree(adminHealth.body());
        assertThat(healthBody.get("status").asText()).isEqualTo("UP");
        JsonNode delivery = healthBody.at("/components/slaDelivery");
        assertThat(delivery.get("status").asText()).isEqualTo("UP");
        assertThat(delivery.at("/details/pending").asInt()).isEqualTo(1);
        assertThat(delivery.at("/details/oldest/ticketId").asText()).isEqualTo(ticketId);
        assertThat(delivery.at("/details/oldest/kind").asText()).isEqualTo("BREACH");
        assertThat(delivery.at("/details/oldest/lastError").asText()).isEqualTo("HTTP 401: " + WRONG_PASSWORD);
        assertThat(delivery.at("/details/oldestAgeSeconds").asLong()).isNotNegative();
        assertThat(adminHealth.body())
                .doesNotContain(Base64.getEncoder().encodeToString("sla-monitor:sla-monitor".getBytes()));
        // Anyone else sees only the status, which stays UP for the launcher's and the orchestrator's checks.
        HttpResponse<String> anonymousHealth = health(context, null);
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymousHealth.body()).get("status").asText()).isEqualTo("UP");
        assertThat(anonymousHealth.body()).doesNotContain("slaDelivery");
        assertThat(gauge(context, "sla.delivery.pending")).isEqualTo(1.0);
        assertThat(gauge(context, "sla.delivery.oldest.age")).isNotNegative();

        ticketCommand.answerEveryRequest(null);

        await().atMost(Duration.ofSeconds(60)).until(() -> ticketCommand.answeredOk() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pendingFor(context, ticketId).isEmpty());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> ticketCommand.answeredOk() == 1
                        && pendingFor(context, ticketId).isEmpty());
        List<FakeTicketCommand.Received> requests = ticketCommand.receivedFor(ticketId);
        assertThat(requests)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(
                        request -> assertThat(request.path()).isEqualTo("/api/tickets/" + ticketId + "/sla/breaches"));
        assertThat(count("SELECT count(*) FROM sla_monitor.pending_sla_command"))
                .isZero();
        assertThat(count("SELECT count(*) FROM sla_monitor.scheduled_tasks")).isZero();
        assertThat(gauge(context, "sla.delivery.pending")).isZero();
        assertThat(JSON.readTree(health(context, "admin").body())
                        .at("/components/slaDelivery/details/pending")
                        .asInt())
                .isZero();
    }

    @Test
    void aBreachTicketCommandDoesNotSeeAsDueYetIsRetriedSoonRatherThanBackedOff() throws Exception {
        String topic = TestKafka.newTopic(1);
        ticketCommand.answerEveryRequest(Answer.problem(409, "NOT_DUE", "The clock is not due yet"));
        // A back-off of ten minutes, against a retry after two seconds for what is not due yet.
        ConfigurableApplicationContext context = startSlaMonitor(topic, "10m", "10m", "2s");
        String ticketId = newTicketId();

        send(topic, ticketId, 1, started(ticketId, soon()));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !pendingFor(context, ticketId).isEmpty());
        PendingSlaCommand pending = pendingFor(context, ticketId).get(0);
        assertThat(pending.lastError().reason()).isEqualTo("NOT_DUE");
        assertThat(Duration.between(pending.lastAttemptAt(), pending.nextAttemptAt()))
                .isEqualTo(Duration.ofSeconds(2));

        ticketCommand.answerEveryRequest(null);

        await().atMost(Duration.ofSeconds(60)).until(() -> ticketCommand.answeredOk() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pendingFor(context, ticketId).isEmpty());
    }

    @Test
    void aPendingBreachWhoseClockIsMetMeanwhileIsNoLongerListed() throws Exception {
        String topic = TestKafka.newTopic(1);
        ticketCommand.answerEveryRequest(Answer.problem(403, null, "Your role does not allow this"));
        ConfigurableApplicationContext context = startSlaMonitor(topic, "1s", "2s", "1s");
        String ticketId = newTicketId();
        send(topic, ticketId, 1, started(ticketId, soon()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !pendingFor(context, ticketId).isEmpty());

        send(topic, ticketId, 2, new SlaClockMetEvent(ticketId, SlaMetric.FIRST_RESPONSE, Duration.ofSeconds(2)));

        // The saga cancels the deadline; its listing goes with it, and nothing is sent any more.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> pendingFor(context, ticketId).isEmpty()
                        && count("SELECT count(*) FROM sla_monitor.scheduled_tasks") == 0);
        assertThat(gauge(context, "sla.delivery.pending")).isZero();
        int sent = ticketCommand.receivedFor(ticketId).size();
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(8))
                .until(() -> ticketCommand.receivedFor(ticketId).size() == sent);
        assertThat(ticketCommand.answeredOk()).isZero();
    }
}
