package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.model.view.TicketViewEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the ticket rows (queue and detail) from the ticket events on Kafka. Which change each event makes is
 * {@link TicketViewEvents}, the one mapping ticket-command's as-of replays too, so the detail and the as-of view
 * cannot drift apart; this class only loads the row, applies the event to it and stores it. The Kafka consumer
 * rebuilds domain event messages from the aggregate headers, so the sequence number is the event's place in its
 * ticket's stream and the ticket version is that number + 1. The stream consumer applies each ticket's events in
 * version order and skips duplicates, and hands this class whole batches ({@link #onBatch}), not one Axon handler
 * call per event; an event whose version the row already has is ignored here too.
 */
@Component
class TicketProjection {

    static final String PROCESSING_GROUP = "ticket-projection";
    /** The aggregate type ticket-command's Ticket events carry in the {@code axon-message-aggregate-type} header. */
    static final String TICKET_AGGREGATE_TYPE = "Ticket";

    private static final Logger log = LoggerFactory.getLogger(TicketProjection.class);

    private final TicketRows rows;

    TicketProjection(TicketRows rows) {
        this.rows = rows;
    }

    /** One event: {@link #onBatch} with that event alone. */
    void on(EventMessage<?> message) {
        onBatch(List.of(message));
    }

    /**
     * A batch of events, each the next version of its ticket, in order (the stream consumer hands them over so,
     * live and in a rebuild): every ticket's row is loaded once, all its events are applied to it in memory, and
     * it is stored once, with one notification for its last version. The outcome is the one event after event
     * would give. An event of every type counts: one this service does not know (a newer event type, which
     * arrives as an {@link UnknownSerializedType}) still moves the row to its version, so that {@code minVersion}
     * reads and the stream keep working; the fields it carries need a replay once the service learns it.
     */
    void onBatch(List<? extends EventMessage<?>> messages) {
        Map<String, List<DomainEventMessage<?>>> byTicket = new LinkedHashMap<>();
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> domainEvent
                    && TICKET_AGGREGATE_TYPE.equals(domainEvent.getType())) {
                byTicket.computeIfAbsent(domainEvent.getAggregateIdentifier(), id -> new ArrayList<>())
                        .add(domainEvent);
            }
        }
        if (byTicket.isEmpty()) {
            return;
        }
        Map<String, TicketView> loaded = rows.findAll(byTicket.keySet());
        List<TicketView> changed = new ArrayList<>(byTicket.size());
        byTicket.forEach((ticketId, events) -> {
            Optional<TicketView> view = Optional.ofNullable(loaded.get(ticketId));
            boolean changes = false;
            for (DomainEventMessage<?> event : events) {
                long version = event.getSequenceNumber() + 1;
                if (view.isPresent() && view.get().alreadyApplied(version)) {
                    log.debug(
                            "Ticket {} is at version {}; event version {} ignored",
                            ticketId,
                            view.get().version(),
                            version);
                    continue;
                }
                if (event.getPayload() instanceof UnknownSerializedType unknown) {
                    log.warn(
                            "Unknown ticket event {} at version {} of {}: only the version is projected",
                            unknown.serializedType().getName(),
                            version,
                            ticketId);
                }
                Object actor = event.getMetaData().get(MetadataKeys.ACTOR);
                view = Optional.of(next(
                        ticketId,
                        view,
                        event.getPayload(),
                        version,
                        event.getTimestamp(),
                        actor == null ? null : actor.toString()));
                changes = true;
            }
            if (changes) {
                changed.add(view.orElseThrow());
            }
        });
        rows.saveAll(changed);
    }

    /**
     * A ticket without a row cannot have a later event applied: that is a failure (the event is parked and
     * visible), never something to skip quietly.
     */
    private static TicketView next(
            String ticketId, Optional<TicketView> stored, Object event, long version, Instant at, String actor) {
        if (stored.isEmpty() && !(event instanceof TicketOpenedEvent)) {
            throw new IllegalStateException(
                    "Ticket " + ticketId + " has no row: its version " + version + " cannot be applied");
        }
        return TicketViewEvents.apply(stored, event, version, at, actor);
    }
}
