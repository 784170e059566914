package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.ApiResponse;
import dev.supportdesk.e2e.Tickets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An event the read model cannot apply (here: a trigger on ticket-query's table refuses one ticket's
 * row, as a column too small or a constraint would) is parked with its error; that ticket's later
 * events wait behind it, every other ticket keeps flowing, the parked events are listed by
 * {@code GET /api/admin/projections}, and once the cause is gone an admin's retry applies them.
 */
@FaultTest
@Order(6)
class PoisonEventIT {

    private final FaultPlatform desk;

    PoisonEventIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void anEventThatCannotBeAppliedIsParkedTheRestFlowsAndARetryAppliesIt() throws SQLException {
        String word = Tickets.uniqueWord("poison");
        String trigger = "refuse_" + word;
        ApiClient tina = desk.as("tina");
        ApiClient admin = desk.as("admin");
        String poisoned;
        long poisonedVersion;
        try {
            execute("CREATE FUNCTION ticket_query." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.subject LIKE '%" + word
                    + "-refused%' THEN RAISE EXCEPTION 'the poison test refuses this row'; END IF;"
                    + " RETURN NEW; END $$");
            execute("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON ticket_query.ticket"
                    + " FOR EACH ROW EXECUTE FUNCTION ticket_query." + trigger + "()");

            ApiResponse opened =
                    Tickets.open(tina, Tickets.openRequest("Poison " + word + "-refused", "EMAIL", "NORMAL"));
            poisoned = opened.json().path("id").asText();
            Tickets.command(tina, poisoned, "assign", Map.of("assignee", "tina"));
            poisonedVersion = Tickets.version(Tickets.command(
                    tina,
                    poisoned,
                    "replies",
                    Map.of("body", "Behind the parked event " + word, "visibility", "INTERNAL")));

            List<String> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ApiResponse other = Tickets.open(tina, Tickets.openRequest("Flowing " + i + " " + word, "WEB", "LOW"));
                String id = other.json().path("id").asText();
                long version = Tickets.version(Tickets.command(
                        tina,
                        id,
                        "replies",
                        Map.of("body", "Still flowing " + i + " " + word, "visibility", "PUBLIC")));
                others.add(id);
                assertThat(Tickets.detail(tina, id, version, Duration.ofSeconds(60))
                                .path("version")
                                .asLong())
                        .as("a ticket opened after the poisoned one is applied")
                        .isEqualTo(version);
            }

            JsonNode parked = await("the poisoned ticket's events are parked")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> parkedOf(admin, "ticket-projection", poisoned), list -> list.size() >= 3);
            JsonNode first = parked.get(0);
            assertThat(first.path("version").asLong()).isEqualTo(1);
            assertThat(first.path("reason").asText()).isEqualTo("FAILED");
            assertThat(first.path("type").asText()).endsWith("TicketOpenedEvent");
            assertThat(first.path("aggregateType").asText()).isNotBlank();
            assertThat(first.path("error").asText()).contains("the poison test refuses this row");
            assertThat(first.path("attempts").asInt()).isPositive();
            assertThat(first.path("parkedAt").asText()).isNotBlank();
            assertThat(first.path("eventId").asText()).isNotBlank();
            for (int i = 1; i < parked.size(); i++) {
                assertThat(parked.get(i).path("reason").asText())
                        .as("%s", parked.get(i))
                        .isEqualTo("WAITING");
                assertThat(parked.get(i).path("version").asLong()).isEqualTo(i + 1);
            }
            assertThat(projectionNames(admin))
                    .as("every consumer of the topic is listed")
                    .contains("ticket-projection@ticket-query", "ticket-sla@sla-monitor");
            assertThat(tina.post(
                                    "/api/admin/projections/ticket-projection/parked/"
                                            + first.path("eventId").asText() + "/retry",
                                    Map.of())
                            .status())
                    .as("only an admin retries")
                    .isEqualTo(403);
        } finally {
            execute("DROP TRIGGER IF EXISTS " + trigger + " ON ticket_query.ticket");
            execute("DROP FUNCTION IF EXISTS ticket_query." + trigger + "()");
        }

        String eventId = parkedOf(admin, "ticket-projection", poisoned)
                .get(0)
                .path("eventId")
                .asText();
        ApiResponse retried =
                admin.post("/api/admin/projections/ticket-projection/parked/" + eventId + "/retry", Map.of());
        assertThat(retried.status()).as("%s", retried).isBetween(200, 299);

        JsonNode ticket = Tickets.detail(tina, poisoned, poisonedVersion, Duration.ofSeconds(60));
        assertThat(ticket.path("version").asLong()).isEqualTo(poisonedVersion);
        assertThat(ticket.path("conversation").size()).isEqualTo(1);
        await("nothing of the ticket is parked any more")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> parkedOf(admin, "ticket-projection", poisoned).isEmpty());
        desk.consistency().verify(new Ledger(), word);
    }

    /** The parked events of one ticket in one consumer, in version order. */
    private static JsonNode parkedOf(ApiClient admin, String projection, String ticketId) {
        JsonNode items = admin.get("/api/admin/projections").expect(200).json().path("items");
        List<JsonNode> parked = new ArrayList<>();
        for (JsonNode item : items) {
            if (projection.equals(item.path("name").asText())) {
                item.path("parked").forEach(entry -> {
                    if (ticketId.equals(entry.path("ticketId").asText())) {
                        parked.add(entry);
                    }
                });
            }
        }
        parked.sort(java.util.Comparator.comparingLong(
                entry -> entry.path("version").asLong()));
        return ApiClient.JSON.valueToTree(parked);
    }

    private static List<String> projectionNames(ApiClient admin) {
        List<String> names = new ArrayList<>();
        admin.get("/api/admin/projections")
                .expect(200)
                .json()
                .path("items")
                .forEach(item -> names.add(
                        item.path("name").asText() + "@" + item.path("service").asText()));
        return names;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = desk.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
