package dev.supportdesk.ticket.command.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.DirectoryUser;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.ETags;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import dev.supportdesk.ticket.command.eventstore.TicketStreams.StoredEvent;
import dev.supportdesk.ticket.command.policy.WebhookRedaction;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets/{id}/history}: the ticket's stream as stored, read from the event store itself. */
@RestController
class TicketHistoryController {

    /** Who caused the event; {@code displayName} is the directory's now, null for a name it does not hold. */
    record ActorView(String name, String role, String displayName) {}

    record HistoryEvent(
            long version,
            long position,
            String type,
            String occurredAt,
            ActorView actor,
            String correlationId,
            String causationId,
            JsonNode payload,
            String hash,
            String previousHash) {}

    record TicketHistory(String ticketId, long version, List<HistoryEvent> events) {}

    private final TicketStreams streams;
    private final UserDirectory directory;

    TicketHistoryController(TicketStreams streams, UserDirectory directory) {
        this.streams = streams;
        this.directory = directory;
    }

    @GetMapping("/api/tickets/{id}/history")
    @PreAuthorize(Access.READ_TICKETS)
    ResponseEntity<TicketHistory> history(@PathVariable String id, Authentication caller) {
        boolean webhooks = WebhookRedaction.mayRead(caller);
        List<HistoryEvent> events =
                streams.history(id).stream().map(event -> view(event, webhooks)).toList();
        if (events.isEmpty()) {
            throw ApiProblem.notFound("Ticket " + id + " does not exist");
        }
        long version = events.get(events.size() - 1).version();
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, ETags.of(version))
                .body(new TicketHistory(id, version, events));
    }

    private HistoryEvent view(StoredEvent event, boolean webhooks) {
        JsonNode metadata = event.metadata();
        String actor = text(metadata, MetadataKeys.ACTOR);
        return new HistoryEvent(
                event.version(),
                event.position(),
                simpleName(event.payloadType()),
                event.occurredAt(),
                new ActorView(actor, text(metadata, MetadataKeys.ACTOR_ROLE), displayName(actor)),
                text(metadata, MetadataKeys.CORRELATION_ID),
                text(metadata, MetadataKeys.CAUSATION_ID),
                WebhookRedaction.payloadFor(webhooks, event.payload()),
                event.hash(),
                event.previousHash());
    }

    private String displayName(String name) {
        return name == null
                ? null
                : directory.find(name).map(DirectoryUser::displayName).orElse(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
