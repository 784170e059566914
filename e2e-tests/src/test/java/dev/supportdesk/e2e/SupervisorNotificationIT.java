package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy whose breach notifies the supervisors: nobody answers the ticket within its first-response target
 * (seconds here), sla-monitor POSTs the webhook to a real HTTP server of this test, which the test platform's
 * sla-monitor has as its configured URL, and ticket-command records the delivery on the ticket, once.
 */
@EndToEnd
class SupervisorNotificationIT {

    private final SupportDesk desk;
    private final ApiClient bob;

    SupervisorNotificationIT(SupportDesk desk) {
        this.desk = desk;
        this.bob = desk.as("bob");
    }

    /** A policy matching LOW, PREMIUM and MESSENGER, a combination no other test opens. */
    private void putPolicy(String name) throws Exception {
        String body = """
                {"match":{"priority":"LOW","customerTier":"PREMIUM","channel":"MESSENGER"},
                 "targets":{"firstResponse":"PT3S","resolution":"PT1H"},
                 "calendar":"24x7",
                 "escalations":[{"at":"BREACH","actions":["NOTIFY_SUPERVISOR"]}]}""";
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(desk.edgeUrl() + "/api/sla/policies/" + name))
                                .timeout(Duration.ofSeconds(20))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static List<JsonNode> webhooksFor(String ticketId) {
        List<JsonNode> found = new ArrayList<>();
        for (SupervisorWebhook.Received request : SupervisorWebhook.shared().received()) {
            JsonNode body = ApiClient.parse(request.body());
            if (body.path("ticket").path("id").asText().equals(ticketId)) {
                found.add(body);
            }
        }
        return found;
    }

    private List<JsonNode> historyOf(String ticketId, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : bob.get("/api/tickets/" + ticketId + "/history")
                .expect(200)
                .json()
                .path("events")) {
            if (event.path("type").asText().equals(type)) {
                found.add(event.path("payload"));
            }
        }
        return found;
    }

    @Test
    void aBreachOfAPolicyThatNotifiesSupervisorsReachesTheWebhookOnceAndIsRecorded() throws Exception {
        String word = Tickets.uniqueWord("notify");
        putPolicy(word);
        Map<String, Object> request = openRequest("Chat widget is blank " + word, "MESSENGER", "LOW");
        request.put("customerTier", "PREMIUM");
        String id = open(bob, request).json().path("id").asText();

        List<JsonNode> received = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> webhooksFor(id), list -> !list.isEmpty());
        JsonNode payload = received.get(0);
        String notificationId = payload.path("notificationId").asText();
        assertThat(notificationId).isNotBlank();
        assertThat(payload.path("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(payload.path("stage").asText()).isEqualTo("BREACH");
        assertThat(payload.path("ticket").path("subject").asText()).isEqualTo("Chat widget is blank " + word);
        assertThat(payload.path("ticket").path("priority").asText()).isNotBlank();
        assertThat(payload.path("ticket").path("link").asText()).isEqualTo("/api/tickets/" + id);
        assertThat(payload.path("group").has("supervisors")).isTrue();
        SupervisorWebhook.Received raw = SupervisorWebhook.shared().received().stream()
                .filter(r -> r.body().contains("\"" + notificationId + "\""))
                .findFirst()
                .orElseThrow();
        assertThat(raw.idempotencyKey()).isEqualTo(notificationId);
        assertThat(raw.contentType()).isEqualTo("application/json");

        // ticket-command records the request and the delivery, each once, with the same notification id.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        historyOf(id, "SupervisorNotificationDeliveredEvent").size() == 1);
        JsonNode requested =
                historyOf(id, "SupervisorNotificationRequestedEvent").get(0);
        assertThat(requested.path("notificationId").asText()).isEqualTo(notificationId);
        JsonNode delivered =
                historyOf(id, "SupervisorNotificationDeliveredEvent").get(0);
        assertThat(delivered.path("notificationId").asText()).isEqualTo(notificationId);
        assertThat(delivered.path("attempts").asInt()).isEqualTo(1);

        // Nothing more: no second webhook, no second record.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> webhooksFor(id).size() == 1
                        && historyOf(id, "SupervisorNotificationRequestedEvent").size() == 1
                        && historyOf(id, "SupervisorNotificationDeliveredEvent").size() == 1
                        && historyOf(id, "SupervisorNotificationFailedEvent").isEmpty());
    }
}
