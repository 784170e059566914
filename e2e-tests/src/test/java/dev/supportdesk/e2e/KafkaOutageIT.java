package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.detail;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.queue;
import static dev.supportdesk.e2e.Tickets.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker process goes away: commands still succeed because they only need the event store, and
 * once the broker is back the outbox delivers every event, which the read model applies exactly once.
 */
@EndToEnd
class KafkaOutageIT {

    /** How soon after the broker's return the read model must have caught up. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final SupportDesk desk;
    private final ApiClient tina;

    KafkaOutageIT(SupportDesk desk) {
        this.desk = desk;
        this.tina = desk.as("tina");
    }

    @AfterEach
    void brokerRunsForTheNextTest() {
        if (!desk.isKafkaRunning()) {
            desk.startKafka();
        }
    }

    @Test
    void changesMadeWhileKafkaIsDownReachTheReadModelOnceItIsBack() {
        String word = Tickets.uniqueWord("outage");
        // A ticket that exists before the outage, to be changed during it.
        ApiResponse before = open(tina, openRequest("Before the outage " + word, "EMAIL", "HIGH"));
        String earlier = before.json().path("id").asText();
        detail(tina, earlier, version(before));

        desk.stopKafka();

        Map<String, Long> expectedVersions = new LinkedHashMap<>();
        Map<String, Integer> expectedEntries = new LinkedHashMap<>();
        expectedVersions.put(
                earlier,
                version(command(
                        tina,
                        earlier,
                        "replies",
                        Map.of("body", "Noted while the broker is away", "visibility", "INTERNAL"))));
        expectedVersions.put(earlier, version(command(tina, earlier, "assign", Map.of("assignee", "tina"))));
        expectedEntries.put(earlier, 1);
        for (int i = 1; i <= 2; i++) {
            ApiResponse opened = open(tina, openRequest("During the outage " + i + " " + word, "WEB", "LOW"));
            String id = opened.json().path("id").asText();
            command(tina, id, "assign", Map.of("assignee", "tina"));
            command(tina, id, "replies", Map.of("body", "We are on it", "visibility", "PUBLIC"));
            expectedVersions.put(id, version(command(tina, id, "customer-messages", Map.of("body", "Thanks " + i))));
            expectedEntries.put(id, 2);
        }
        assertThat(expectedVersions).hasSize(3);

        desk.startKafka();

        await().atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> expectedVersions.forEach((id, version) -> {
                    JsonNode ticket = tina.get("/api/tickets/" + id).json();
                    assertThat(ticket.path("version").asLong())
                            .as("version of %s", id)
                            .isEqualTo(version);
                }));
        expectedVersions.forEach((id, version) -> {
            JsonNode ticket = detail(tina, id, version, Duration.ofSeconds(5));
            assertThat(ticket.path("version").asLong()).isEqualTo(version);
            assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
            assertThat(ticket.path("assignee").asText()).isEqualTo("tina");
            assertThat(ticket.path("conversation").size())
                    .as("each entry exactly once in %s", ticket)
                    .isEqualTo(expectedEntries.get(id));
        });
        JsonNode all = queue(tina, Map.of("q", word));
        assertThat(all.path("total").asInt()).as("no ticket lost, none doubled").isEqualTo(3);
        assertThat(all.path("items"))
                .allSatisfy(item -> assertThat(item.path("version").asLong())
                        .isEqualTo(expectedVersions.get(item.path("id").asText())));
    }
}
