package dev.supportdesk.ticket.command.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.ticket.command.policy.WebhookRedaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One event of the global feed (docs/api.md, History, replay and audit). {@code ticketId} is the stream's id for a
 * ticket's event and null for any other stream (an SLA policy, a calendar), which {@code aggregateType} names.
 */
record FeedItem(
        long position,
        String ticketId,
        String aggregateType,
        String aggregateId,
        long version,
        String type,
        Instant occurredAt,
        Actor actor,
        String correlationId,
        String causationId,
        JsonNode payload) {

    /** The aggregate type Axon stores with the ticket aggregate's events. */
    static final String TICKET = "Ticket";

    record Actor(String name, String role) {}

    /** The event as the caller sees it: with its webhook only if {@code webhooks} (see {@link WebhookRedaction}). */
    static FeedItem of(EventEnvelope event, ObjectMapper json, boolean webhooks) {
        var metadata = event.metadata();
        return new FeedItem(
                event.position(),
                TICKET.equals(event.aggregateType()) ? event.aggregateId() : null,
                event.aggregateType(),
                event.aggregateId(),
                event.version(),
                event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1),
                event.occurredAt(),
                new Actor(metadata.get(MetadataKeys.ACTOR), metadata.get(MetadataKeys.ACTOR_ROLE)),
                metadata.get(MetadataKeys.CORRELATION_ID),
                metadata.get(MetadataKeys.CAUSATION_ID),
                WebhookRedaction.payloadFor(webhooks, payload(event.payload(), json)));
    }

    private static JsonNode payload(byte[] bytes, ObjectMapper json) {
        try {
            return bytes == null ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event payload is not JSON", e);
        }
    }
}
