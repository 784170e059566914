package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/audit}: who changed what, when, with every filter of docs/api.md. */
class AuditTrailIT extends CommandApiTestSupport {

    private JsonNode audit(String query) {
        Answer answer = call("GET", "/api/audit?" + query).as("audrey").send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theTrailIsFilteredByTicketActorTypeAndTimeAndPaged() {
        String id = openTicket();
        // Events carry the store's own time stamps: the first one bounds the ticket's trail.
        Instant before = Instant.parse(call("GET", "/api/tickets/" + id + "/history")
                .as("audrey")
                .send()
                .json()
                .get("events")
                .get(0)
                .get("occurredAt")
                .asText());
        Answer assigned = post("/api/tickets/" + id + "/assign", "{\"assignee\":\"bob\"}")
                .as("sam")
                .header("X-Correlation-Id", "audit-trail-it")
                .send();
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);

        JsonNode all = audit("ticketId=" + id);
        assertThat(all.get("total").asLong()).isEqualTo(4);
        List<Long> positions = new ArrayList<>();
        for (JsonNode item : all.get("items")) {
            positions.add(item.get("position").asLong());
            assertThat(item.get("ticketId").asText()).isEqualTo(id);
        }
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        JsonNode last = all.get("items").get(3);
        assertThat(last.get("version").asLong()).isEqualTo(4);
        assertThat(last.get("type").asText()).isEqualTo("TicketAssignedEvent");
        assertThat(last.get("actor").get("name").asText()).isEqualTo("sam");
        assertThat(last.get("actor").get("source").asText()).isEqualTo("API");
        assertThat(last.get("correlationId").asText()).isEqualTo("audit-trail-it");
        assertThat(last.get("summary").asText()).isEqualTo("Ticket assigned: assignee bob");
        JsonNode history = call("GET", "/api/tickets/" + id + "/history")
                .as("audrey")
                .send()
                .json()
                .get("events");
        for (int i = 0; i < 4; i++) {
            assertThat(all.get("items").get(i).get("hash").asText())
                    .as("the hash of version %d", i + 1)
                    .hasSize(64)
                    .isEqualTo(history.get(i).get("hash").asText());
        }

        JsonNode bySam = audit("ticketId=" + id + "&actor=sam");
        assertThat(bySam.get("total").asLong()).isEqualTo(1);
        JsonNode byType = audit("ticketId=" + id + "&type=TicketOpenedEvent");
        assertThat(byType.get("total").asLong()).isEqualTo(1);
        assertThat(byType.get("items").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(audit("ticketId=" + id + "&to=" + before).get("total").asLong())
                .isZero();
        assertThat(audit("ticketId=" + id + "&from=" + before).get("total").asLong())
                .isEqualTo(4);

        JsonNode second = audit("ticketId=" + id + "&page=1&size=3");
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(3);
        assertThat(second.get("total").asLong()).isEqualTo(4);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("position").asLong()).isEqualTo(positions.get(3));
    }

    @Test
    void badFiltersAreProblemsAndOnlyAuditorsAndAdminsReadTheTrail() {
        for (String query : List.of(
                "size=0",
                "size=201",
                "page=-1",
                "page=1.5",
                "from=yesterday",
                "type=a%20b",
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            Answer answer = call("GET", "/api/audit?" + query).as("audrey").send();
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(call("GET", "/api/audit").as("admin").send().status()).isEqualTo(200);
        assertThat(call("GET", "/api/audit").as("ana").send().status()).isEqualTo(403);
        assertThat(call("GET", "/api/audit").as("alice").send().status()).isEqualTo(403);
        assertThat(call("GET", "/api/audit").send().status()).isEqualTo(401);
    }
}
