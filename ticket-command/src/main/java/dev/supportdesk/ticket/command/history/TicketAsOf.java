package dev.supportdesk.ticket.command.history;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.model.view.TicketViewEvents;
import dev.supportdesk.ticket.command.eventstore.StoredStreams;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Service;

/**
 * A ticket as it was at an instant: its stored events replayed through the shared {@link TicketViewEvents}, the
 * code that builds ticket-query's detail, in version order for as long as they occurred at or before the instant.
 * The events are folded straight from the rows as they arrive ({@link StoredStreams#readUntil}) unless one needs an
 * upcaster.
 * Nothing here looks at the wall clock: the SLA state is what the events up to the instant say.
 */
@Service
class TicketAsOf {

    /** What the store knows of a ticket at an instant. */
    sealed interface Answer {}

    record Found(TicketView view) implements Answer {}

    record NotYetOpened(Instant openedAt) implements Answer {}

    record Unknown() implements Answer {}

    /** The aggregate type Axon stores with the ticket aggregate's events. */
    private static final String TICKET = "Ticket";

    private final StoredStreams streams;

    TicketAsOf(StoredStreams streams) {
        this.streams = streams;
    }

    Answer at(String ticketId, Instant at) {
        Folding folding = new Folding(at);
        return streams.readUntil(ticketId, at, folding::apply) ? folding.answer() : throughAxon(ticketId, at);
    }

    /** The fold of the events read straight from the store's rows: the first one, then those at or before the instant. */
    private static final class Folding {

        private final Instant at;
        private Answer answer = new Unknown();
        private Optional<TicketView> view = Optional.empty();

        Folding(Instant at) {
            this.at = at;
        }

        boolean apply(StoredStreams.StoredEvent event) {
            if (view.isEmpty()) {
                // The same id may name another kind of stream (a policy, a calendar): that is no ticket.
                if (!TICKET.equals(event.type()) || !(event.payload() instanceof TicketOpenedEvent)) {
                    return false;
                }
                if (event.timestamp().isAfter(at)) {
                    answer = new NotYetOpened(event.timestamp());
                    return false;
                }
            }
            view = Optional.of(TicketViewEvents.apply(
                    view, event.payload(), event.sequenceNumber() + 1, event.timestamp(), event.actor()));
            return true;
        }

        Answer answer() {
            return view.<Answer>map(Found::new).orElse(answer);
        }
    }

    /** A stream with an event stored in an older revision: through Axon's serializer and its upcasters. */
    private Answer throughAxon(String ticketId, Instant at) {
        try (Stream<? extends DomainEventMessage<?>> events = streams.events(ticketId)) {
            Iterator<? extends DomainEventMessage<?>> stored = events.iterator();
            if (!stored.hasNext()) {
                return new Unknown();
            }
            Optional<TicketView> view = Optional.empty();
            DomainEventMessage<?> event = stored.next();
            // The same id may name another kind of stream (a policy, a calendar): that is no ticket.
            if (!TICKET.equals(event.getType()) || !(event.getPayload() instanceof TicketOpenedEvent)) {
                return new Unknown();
            }
            if (event.getTimestamp().isAfter(at)) {
                return new NotYetOpened(event.getTimestamp());
            }
            while (true) {
                Object actor = event.getMetaData().get(MetadataKeys.ACTOR);
                view = Optional.of(TicketViewEvents.apply(
                        view,
                        event.getPayload(),
                        event.getSequenceNumber() + 1,
                        event.getTimestamp(),
                        actor == null ? null : actor.toString()));
                if (!stored.hasNext()) {
                    break;
                }
                event = stored.next();
                // Versions are applied in order: the view at an instant is the longest prefix that had occurred.
                if (event.getTimestamp().isAfter(at)) {
                    break;
                }
            }
            return new Found(view.orElseThrow());
        }
    }
}
