package dev.supportdesk.ticket.command.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.ETags;
import dev.supportdesk.platform.web.PlatformJson;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import dev.supportdesk.ticket.command.eventstore.TicketStreams.StoredEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets/{id}/sla}: why each SLA clock of a ticket stands where it does, from its events. */
@RestController
@Tag(name = "SLA")
class SlaExplanationController {

    private static final String CONTRACT_EVENTS = "dev.supportdesk.contract.events.";

    record SlaExplanation(String ticketId, long version, List<SlaTimeline.Clock> clocks) {}

    private final TicketStreams streams;
    private final SlaTimeline timeline;
    private final ObjectMapper json = PlatformJson.base();

    SlaExplanationController(TicketStreams streams, SlaPolicies policies) {
        this.streams = streams;
        this.timeline = new SlaTimeline(policies::calendar);
    }

    @GetMapping(path = "/api/tickets/{id}/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Access.READ_TICKETS)
    @Operation(
            summary =
                    "Every SLA clock of the ticket with its timeline, policy and calendar versions, time used and left")
    ResponseEntity<SlaExplanation> explain(@PathVariable String id) {
        List<StoredEvent> events = streams.history(id);
        if (events.isEmpty() || !events.get(0).payloadType().endsWith(".TicketOpenedEvent")) {
            throw ApiProblem.notFound("Ticket " + id + " does not exist");
        }
        List<SlaTimeline.Fact> facts = new ArrayList<>();
        for (StoredEvent event : events) {
            Object payload = read(event);
            if (payload != null) {
                JsonNode actor = event.metadata().get(MetadataKeys.ACTOR);
                facts.add(new SlaTimeline.Fact(
                        event.version(),
                        Instant.parse(event.occurredAt()),
                        actor == null || actor.isNull() ? null : actor.asText(),
                        payload));
            }
        }
        long version = events.get(events.size() - 1).version();
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, ETags.of(version))
                .body(new SlaExplanation(id, version, timeline.explain(facts)));
    }

    /** The contract event, or null for a type this service no longer knows (nothing to explain in it). */
    private Object read(StoredEvent event) {
        if (!event.payloadType().startsWith(CONTRACT_EVENTS)) {
            return null;
        }
        try {
            return json.treeToValue(event.payload(), Class.forName(event.payloadType()));
        } catch (ClassNotFoundException | JsonProcessingException e) {
            return null;
        }
    }
}
