package dev.supportdesk.sla.monitor.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.sla.monitor.SlaMonitorApplication;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand;
import dev.supportdesk.sla.monitor.testing.WebhookReceiver;
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
 * Supervisor notifications end to end inside sla-monitor: the event arrives on a real Kafka topic, the delivery
 * task lives in real PostgreSQL, a real HTTP server is the webhook, and a stand-in for ticket-command records what
 * sla-monitor reports.
 */
class SupervisorNotificationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private FakeTicketCommand ticketCommand;
    private WebhookReceiver webhook;
    private String database;

    @BeforeEach
    void setUp() throws Exception {
        ticketCommand = new FakeTicketCommand();
        webhook = new WebhookReceiver();
        database = TestPostgres.newDatabase();
    }

    @AfterEach
    void tearDown() {
        contexts.forEach(ConfigurableApplicationContext::close);
        ticketCommand.close();
        webhook.close();
    }

    private ConfigurableApplicationContext startSlaMonitor(String topic, String webhookUrl) {
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
                        "--SLA_WEBHOOK_URL=" + webhookUrl,
                        "--support.sla.notifications.first-retry=1s",
                        "--support.sla.notifications.max-retry=2s",
                        "--support.sla.notifications.fail-after=2");
        contexts.add(context);
        return context;
    }

    private static void send(String topic, String ticketId, long version, Object event) {
        TestKafka.send(TicketRecords.event(ticketId, version, event)
                .correlationId("corr-" + ticketId)
                .record(topic));
    }

    private static TicketOpenedEvent opened(String ticketId) {
        return new TicketOpenedEvent(
                ticketId,
                "Printer on fire",
                "It smokes",
                Channel.EMAIL,
                Priority.NORMAL,
                new Requester("Carla", "carla@example.com", null),
                CustomerTier.STANDARD,
                List.of());
    }

    private static SupervisorNotificationRequestedEvent requested(String ticketId, String url) {
        return new SupervisorNotificationRequestedEvent(
                ticketId,
                ticketId + ":FIRST_RESPONSE:BREACH:1",
                SlaMetric.FIRST_RESPONSE,
                EscalationTrigger.BREACH,
                "tier1",
                List.of("sam", "sue"),
                url);
    }

    private static String newTicketId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<JsonNode> reports(String ticketId) {
        return ticketCommand.receivedFor(ticketId).stream()
                .filter(request -> request.path().contains("/sla/notifications/"))
                .map(request -> {
                    try {
                        return JSON.readTree(request.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private List<JsonNode> reports(String ticketId, String outcome) {
        return reports(ticketId).stream()
                .filter(report -> report.get("outcome").asText().equals(outcome))
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

    private static JsonNode getAsAdmin(ConfigurableApplicationContext context, String path) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header(
                                        "Authorization",
                                        "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode slaConsumer(ConfigurableApplicationContext context) throws Exception {
        for (JsonNode consumer : getAsAdmin(context, "/api/admin/projections").get("items")) {
            if (consumer.get("name").asText().equals("ticket-sla")) {
                return consumer;
            }
        }
        throw new AssertionError("no ticket-sla consumer listed");
    }

    private static double gauge(ConfigurableApplicationContext context, String name) {
        return context.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    private static double counter(ConfigurableApplicationContext context, String name) {
        return context.getBean(MeterRegistry.class).get(name).counter().count();
    }

    @Test
    void aFailingWebhookIsRetriedRecordedAsFailedOnceAndDeliveredWhenItRecovers() throws Exception {
        String topic = TestKafka.newTopic(1);
        webhook.answer(503);
        ConfigurableApplicationContext context = startSlaMonitor(topic, webhook.url("/hooks/sla"));
        String ticketId = newTicketId();
        String notificationId = ticketId + ":FIRST_RESPONSE:BREACH:1";

        send(topic, ticketId, 1, opened(ticketId));
        send(topic, ticketId, 2, new TicketPriorityChangedEvent(ticketId, Priority.HIGH, Priority.NORMAL, "breach"));
        send(topic, ticketId, 3, requested(ticketId, null));
        send(topic, ticketId, 3, requested(ticketId, null)); // delivered twice by Kafka

        // Failing: retried, and recorded as failed once the second attempt failed; the retries go on.
        await().atMost(Duration.ofSeconds(60)).until(() -> webhook.received().size() >= 4);
        assertThat(reports(ticketId, "FAILED")).hasSize(1);
        JsonNode failed = reports(ticketId, "FAILED").get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("error").asText()).startsWith("HTTP 503");
        assertThat(reports(ticketId, "DELIVERED")).isEmpty();
        assertThat(ticketCommand.receivedFor(ticketId).get(0).path())
                .isEqualTo("/api/tickets/" + ticketId + "/sla/notifications/" + notificationId);

        // Listed for admins, in the health details and the gauges while it fails.
        JsonNode listed = slaConsumer(context);
        assertThat(listed.get("failingNotificationCount").asInt()).isEqualTo(1);
        assertThat(listed.get("notifications").get(0).get("notificationId").asText())
                .isEqualTo(notificationId);
        assertThat(listed.get("notifications").get(0).get("state").asText()).isEqualTo("FAILING");
        assertThat(listed.get("notifications").get(0).get("lastError").asText()).startsWith("HTTP 503");
        JsonNode health = getAsAdmin(context, "/actuator/health").at("/components/slaNotifications");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/failing").asInt()).isEqualTo(1);
        assertThat(health.at("/details/oldest/notificationId").asText()).isEqualTo(notificationId);
        assertThat(gauge(context, "sla.notifications.failing")).isEqualTo(1.0);
        assertThat(counter(context, "sla.notifications.failed")).isEqualTo(1.0);

        webhook.answer(200);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> reports(ticketId, "DELIVERED").size() == 1);
        int calls = webhook.received().size();
        JsonNode delivered = reports(ticketId, "DELIVERED").get(0);
        assertThat(delivered.get("attempts").asInt()).isEqualTo(calls);
        assertThat(delivered.get("deliveredAt").asText()).isNotBlank();
        // Nothing more once delivered: no call to the webhook, no second report, no task left.
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(8))
                .until(() ->
                        webhook.received().size() == calls && reports(ticketId).size() == 2);
        assertThat(reports(ticketId, "FAILED")).hasSize(1);
        assertThat(count(
                        "SELECT count(*) FROM sla_monitor.scheduled_tasks WHERE task_name = 'supervisor-notification'"))
                .isZero();
        assertThat(gauge(context, "sla.notifications.pending")).isZero();
        assertThat(counter(context, "sla.notifications.delivered")).isEqualTo(1.0);
        assertThat(slaConsumer(context).get("notifications")).isEmpty();

        // Every attempt was the same request: the JSON naming the ticket, and the notification as its key.
        assertThat(webhook.received()).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/hooks/sla");
            assertThat(request.idempotencyKey()).isEqualTo(notificationId);
            assertThat(request.contentType()).isEqualTo("application/json");
        });
        JsonNode payload = JSON.readTree(webhook.received().get(0).body());
        assertThat(payload.get("notificationId").asText()).isEqualTo(notificationId);
        assertThat(payload.at("/ticket/id").asText()).isEqualTo(ticketId);
        assertThat(payload.at("/ticket/subject").asText()).isEqualTo("Printer on fire");
        assertThat(payload.at("/ticket/priority").asText()).isEqualTo("HIGH");
        assertThat(payload.at("/ticket/link").asText()).isEqualTo("/api/tickets/" + ticketId);
        assertThat(payload.get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(payload.get("stage").asText()).isEqualTo("BREACH");
        assertThat(payload.at("/group/name").asText()).isEqualTo("tier1");
        assertThat(payload.at("/group/supervisors").toString()).isEqualTo("[\"sam\",\"sue\"]");
    }

    @Test
    void aReplayedRequestAfterTheDeliveryCallsNobodyAgain() throws Exception {
        String topic = TestKafka.newTopic(1);
        ConfigurableApplicationContext context = startSlaMonitor(topic, webhook.url("/configured"));
        String ticketId = newTicketId();
        send(topic, ticketId, 1, opened(ticketId));
        // The policy's own webhook wins over the configured one.
        send(topic, ticketId, 2, requested(ticketId, webhook.url("/policy-hook")));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> reports(ticketId, "DELIVERED").size() == 1);
        assertThat(webhook.received())
                .singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/policy-hook"));
        assertThat(reports(ticketId, "DELIVERED").get(0).get("attempts").asInt())
                .isEqualTo(1);

        // The same event again, long after its task is gone (a replay of the topic, say).
        context.close();
        contexts.remove(context);
        try (Connection connection = TestPostgres.connect(database);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM sla_monitor.consumer_offset");
            statement.executeUpdate("DELETE FROM sla_monitor.consumer_stream");
        }
        startSlaMonitor(topic, webhook.url("/configured"));
        send(topic, ticketId, 3, new TicketPriorityChangedEvent(ticketId, Priority.HIGH, Priority.NORMAL, "later"));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        count("SELECT count(*) FROM sla_monitor.notification_ticket WHERE priority = 'HIGH'") == 1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> webhook.received().size() == 1 && reports(ticketId).size() == 1);
    }

    @Test
    void withoutAnyWebhookUrlTheNotificationIsRecordedAsFailedOnceAndNeverTried() throws Exception {
        String topic = TestKafka.newTopic(1);
        ConfigurableApplicationContext context = startSlaMonitor(topic, "");
        String ticketId = newTicketId();
        send(topic, ticketId, 1, opened(ticketId));
        send(topic, ticketId, 2, requested(ticketId, null));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> reports(ticketId, "FAILED").size() == 1);
        JsonNode failed = reports(ticketId, "FAILED").get(0);
        assertThat(failed.get("attempts").asInt()).isZero();
        assertThat(failed.get("error").asText()).contains("no webhook URL is configured");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> reports(ticketId).size() == 1);
        assertThat(webhook.received()).isEmpty();
        JsonNode listed = slaConsumer(context);
        assertThat(listed.get("gaveUpNotificationCount").asInt()).isEqualTo(1);
        assertThat(listed.get("notifications").get(0).get("state").asText()).isEqualTo("GAVE_UP");
    }
}
