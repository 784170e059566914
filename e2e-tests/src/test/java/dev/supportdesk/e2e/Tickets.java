package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies and reads of the ticket API that every end-to-end test needs. */
public final class Tickets {

    private Tickets() {}

    /** A word no other ticket of this run contains, so that queue filters see only one test's tickets. */
    public static String uniqueWord(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static Map<String, Object> openRequest(String subject, String channel, String priority) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("description", "The customer called about " + subject);
        body.put("channel", channel);
        body.put("priority", priority);
        body.put(
                "requester",
                Map.of("name", "Carla Customer", "email", "carla@example.com", "phone", "+41 44 000 00 00"));
        return body;
    }

    /** Opens a ticket and returns the command's answer, asserting the 201 and its Location. */
    public static ApiResponse open(ApiClient client, Map<String, Object> request) {
        ApiResponse opened = client.post("/api/tickets", request).expect(201);
        assertThat(opened.json().path("id").asText()).isNotBlank();
        assertThat(opened.header("Location"))
                .endsWith("/api/tickets/" + opened.json().path("id").asText());
        assertThat(opened.json().path("version").asLong()).isPositive();
        return opened;
    }

    public static ApiResponse command(ApiClient client, String ticketId, String action, Map<String, ?> body) {
        ApiResponse answer =
                client.post("/api/tickets/" + ticketId + "/" + action, body).expect(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(ticketId);
        return answer;
    }

    public static long version(ApiResponse commandAnswer) {
        return commandAnswer.json().path("version").asLong();
    }

    /**
     * The detail as of at least that version (read your own write). The server waits up to 5 s and answers
     * 504 when the read model lags more; the test then asks again until its own limit.
     */
    public static JsonNode detail(ApiClient client, String ticketId, long minVersion, Duration atMost) {
        ApiResponse answer = await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> client.get("/api/tickets/" + ticketId + "?minVersion=" + minVersion),
                        response -> response.status() != 504);
        answer.expect(200);
        assertThat(answer.header("ETag"))
                .as("ETag of %s", answer)
                .isEqualTo("\"" + answer.json().path("version").asLong() + "\"");
        return answer.json();
    }

    public static JsonNode detail(ApiClient client, String ticketId, long minVersion) {
        return detail(client, ticketId, minVersion, Duration.ofSeconds(20));
    }

    /** The queue with the given filters, e.g. {@code queue(client, Map.of("q", word, "status", "OPEN"))}. */
    public static JsonNode queue(ApiClient client, Map<String, String> filters) {
        StringBuilder path = new StringBuilder("/api/tickets?size=200");
        filters.forEach((name, value) ->
                path.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return client.get(path.toString()).expect(200).json();
    }

    /** The queue item of that ticket among the filtered ones, or null when the filter does not show it. */
    public static JsonNode queueItem(JsonNode page, String ticketId) {
        for (JsonNode item : page.path("items")) {
            if (ticketId.equals(item.path("id").asText())) {
                return item;
            }
        }
        return null;
    }
}
