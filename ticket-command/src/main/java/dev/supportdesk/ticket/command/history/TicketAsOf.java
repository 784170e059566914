package dev.supportdesk.ticket.command.history;

import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.model.view.TicketViewEvents;
import dev.supportdesk.ticket.command.eventstore.StoredStreams;
import java.time.Instant;
import java.util.Optional;
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
        if (streams.readUntil(ticketId, at, folding::apply)) {
            return folding.answer();
        }
        // A row stored in an older revision: the whole stream again, through Axon's upcasters, into a fresh fold.
        Folding upcasted = new Folding(at);
        streams.readUpcastedUntil(ticketId, at, upcasted::apply);
        return upcasted.answer();
    }

    /** The fold of a stream's events as {@link StoredStreams} hands them over: the first one, then those until the instant. */
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
}
