package dev.supportdesk.ticket.command.history;

import dev.supportdesk.platform.security.Access;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/tickets/{id}/history}: the ticket's stream as stored, read from the event store itself. */
@RestController
class TicketHistoryController {

    record ActorView(String name, String role) {
    }

    record HistoryEvent(long version, long position, String type, String occurredAt, ActorView actor,
                        String correlationId, String causationId, JsonNode payload) {
    }

    record TicketHistory(String ticketId, long version, List<HistoryEvent> events) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TicketHistoryController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping("/api/tickets/{id}/history")
    @PreAuthorize(Access.READ_TICKETS)
    ResponseEntity<TicketHistory> history(@PathVariable String id) {
        List<HistoryEvent> events = jdbc.query("""
                        SELECT sequence_number, global_index, payload_type, time_stamp, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, row) -> {
                    JsonNode metadata = read(rs.getBytes("meta_data"));
                    return new HistoryEvent(rs.getLong("sequence_number") + 1, rs.getLong("global_index"),
                            simpleName(rs.getString("payload_type")), rs.getString("time_stamp"),
                            new ActorView(text(metadata, MetadataKeys.ACTOR), text(metadata, MetadataKeys.ACTOR_ROLE)),
                            text(metadata, MetadataKeys.CORRELATION_ID), text(metadata, MetadataKeys.CAUSATION_ID),
                            read(rs.getBytes("payload")));
                }, id);
        if (events.isEmpty()) {
            throw ApiProblem.notFound("Ticket " + id + " does not exist");
        }
        long version = events.get(events.size() - 1).version();
        return ResponseEntity.ok().header(HttpHeaders.ETAG, "\"" + version + "\"")
                .body(new TicketHistory(id, version, events));
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("stored event is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
