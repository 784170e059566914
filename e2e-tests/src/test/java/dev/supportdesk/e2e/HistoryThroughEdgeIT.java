package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event store's reads through the public origin: the as-of view of a ticket now is the detail ticket-query
 * built (the same ticket view on both sides), and the global feed serves the ticket's events in order, as JSON and
 * as NDJSON.
 */
@EndToEnd
class HistoryThroughEdgeIT {

    private final SupportDesk desk;

    HistoryThroughEdgeIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void theAsOfViewOfNowIsTheDetailTheReadModelBuilt() {
        ApiClient alice = desk.as("alice");
        String id = Tickets.open(alice, openRequest("As of now " + Tickets.uniqueWord("asof"), "EMAIL", "HIGH"))
                .json()
                .path("id")
                .asText();
        Tickets.command(alice, id, "assign", Map.of("assignee", "bob"));
        Tickets.command(alice, id, "tags", Map.of("add", List.of("printer")));
        long version = Tickets.version(
                Tickets.command(desk.as("bob"), id, "replies", Map.of("body", "On my way", "visibility", "PUBLIC")));
        JsonNode detail = Tickets.detail(desk.as("ana"), id, version);

        Instant later = Instant.now().plus(Duration.ofDays(1));
        ApiResponse asOf = desk.as("ana")
                .get("/api/tickets/" + id + "/as-of?at=" + URLEncoder.encode(later.toString(), StandardCharsets.UTF_8))
                .expect(200);
        ObjectNode view = (ObjectNode) asOf.json().deepCopy();
        assertThat(view.remove("asOfVersion").asLong())
                .isEqualTo(detail.path("version").asLong());
        view.remove("asOf");
        ((ObjectNode) view.get("sla")).remove("clocks");
        assertThat(normalized(view)).isEqualTo(normalized(detail));

        ApiResponse unknown = desk.as("ana").get("/api/tickets/T-unknown-" + id + "/as-of?at=" + later);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(desk.as("ana").get("/api/tickets/" + id + "/as-of").status()).isEqualTo(400);
    }

    @Test
    void theFeedServesATicketsEventsInOrderAsJsonAndAsNdjson() throws Exception {
        ApiClient alice = desk.as("alice");
        String id = Tickets.open(alice, openRequest("Feed " + Tickets.uniqueWord("feed"), "CHAT", "LOW"))
                .json()
                .path("id")
                .asText();
        Tickets.command(alice, id, "assign", Map.of("assignee", "alice"));
        JsonNode history = desk.as("ana")
                .get("/api/tickets/" + id + "/history")
                .expect(200)
                .json();
        long first = history.path("events").get(0).path("position").asLong();
        int events = history.path("events").size();

        // A page may stop short of the newest commits (the feed's horizon): a reader asks again from next.
        List<Long> versions = new ArrayList<>();
        long[] after = {first - 1};
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    ApiResponse page = desk.as("ana")
                            .get("/api/events?after=" + after[0] + "&limit=5000")
                            .expect(200);
                    assertThat(page.header("Feed-Next"))
                            .isEqualTo(page.json().path("next").asText());
                    for (JsonNode item : page.json().path("items")) {
                        if (id.equals(item.path("ticketId").asText())) {
                            assertThat(item.path("aggregateType").asText()).isEqualTo("Ticket");
                            versions.add(item.path("version").asLong());
                        }
                    }
                    after[0] = page.json().path("next").asLong();
                    assertThat(versions).hasSize(events);
                });
        assertThat(versions).isSorted();

        String token = Base64.getEncoder().encodeToString("ana:ana".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> lines = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(desk.as("ana").baseUrl() + "/api/events?after=" + (first - 1)
                                        + "&limit=" + events))
                                .header("Authorization", "Basic " + token)
                                .header("Accept", "application/x-ndjson")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(lines.statusCode()).isEqualTo(200);
        assertThat(lines.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String[] rows = lines.body().split("\n");
        assertThat(rows).hasSize(events);
        assertThat(ApiClient.parse(rows[0]).path("position").asLong()).isEqualTo(first);
        assertThat(lines.headers().firstValue("Feed-Next")).isPresent();

        assertThat(desk.as("alice").get("/api/events").status()).isEqualTo(403);
    }

    /** Instants compared as instants, whatever number of fraction digits each side wrote. */
    private static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        normalize(copy);
        return copy;
    }

    private static void normalize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
                    // the read model keeps microseconds (PostgreSQL), the events nanoseconds
                    object.put(
                            name,
                            Instant.parse(value.asText())
                                    .truncatedTo(ChronoUnit.MICROS)
                                    .toString());
                } else {
                    normalize(value);
                }
            });
        } else if (node.isArray()) {
            node.forEach(HistoryThroughEdgeIT::normalize);
        }
    }
}
