package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockCancelledEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketClosedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.contract.events.TicketTagsChangedEvent;
import dev.supportdesk.model.view.ConversationKind;
import dev.supportdesk.model.view.TicketView;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the ticket rows (queue and detail) from the ticket events on Kafka. The Kafka consumer rebuilds
 * domain event messages from the aggregate headers, so {@code @SequenceNumber} is the event's place in its
 * ticket's stream and the ticket version is that number + 1. The stream consumer applies each ticket's
 * events in version order and skips duplicates; an event whose version the row already has is ignored here too.
 */
@Component
@ProcessingGroup(TicketProjection.PROCESSING_GROUP)
class TicketProjection {

    static final String PROCESSING_GROUP = "ticket-projection";
    /** The aggregate type ticket-command's Ticket events carry in the {@code axon-message-aggregate-type} header. */
    static final String TICKET_AGGREGATE_TYPE = "Ticket";

    private static final Logger log = LoggerFactory.getLogger(TicketProjection.class);

    private final TicketRows rows;

    TicketProjection(TicketRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(TicketOpenedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (rows.find(e.ticketId()).isPresent()) {
            log.debug("Ticket {} already projected; opening event ignored", e.ticketId());
            return;
        }
        rows.save(TicketView.opened(e, sequence + 1, at));
    }

    @EventHandler
    void on(TicketAssignedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.assigned(e.assignee(), e.group(), e.clearsAssignee()));
    }

    @EventHandler
    void on(
            PublicReplyPostedEvent e,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(
                e.ticketId(),
                sequence,
                at,
                t -> t.conversed(ConversationKind.PUBLIC_REPLY, actor, e.body(), sequence + 1, at));
    }

    @EventHandler
    void on(
            InternalNoteAddedEvent e,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(
                e.ticketId(),
                sequence,
                at,
                t -> t.conversed(ConversationKind.INTERNAL_NOTE, actor, e.body(), sequence + 1, at));
    }

    @EventHandler
    void on(CustomerMessageReceivedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                e.ticketId(),
                sequence,
                at,
                t -> t.conversed(ConversationKind.CUSTOMER_MESSAGE, t.requesterName(), e.body(), sequence + 1, at));
    }

    @EventHandler
    void on(TicketPriorityChangedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.priorityChanged(e.priority()));
    }

    @EventHandler
    void on(TicketMarkedPendingEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, TicketView::markedPending);
    }

    @EventHandler
    void on(TicketResumedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, TicketView::resumed);
    }

    @EventHandler
    void on(TicketResolvedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.resolved(e.resolution()));
    }

    @EventHandler
    void on(TicketReopenedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, TicketView::reopened);
    }

    @EventHandler
    void on(TicketClosedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, TicketView::closed);
    }

    @EventHandler
    void on(TicketMergedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.merged(e.intoTicketId()));
    }

    @EventHandler
    void on(TicketTagsChangedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.tagsChanged(e.added(), e.removed()));
    }

    @EventHandler
    void on(TicketEscalatedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.escalated(e.level()));
    }

    @EventHandler
    void on(SlaClockStartedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockStarted(e.metric(), e.policy(), e.dueAt(), e.warnAt()));
    }

    @EventHandler
    void on(SlaClockPausedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockPaused(e.metric()));
    }

    @EventHandler
    void on(SlaClockResumedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockResumed(e.metric(), e.dueAt(), e.warnAt()));
    }

    @EventHandler
    void on(SlaClockRetargetedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockRetargeted(e.metric(), e.policy(), e.dueAt(), e.warnAt()));
    }

    @EventHandler
    void on(SlaClockAtRiskEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockAtRisk(e.metric()));
    }

    @EventHandler
    void on(SlaClockBreachedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockBreached(e.metric()));
    }

    @EventHandler
    void on(SlaClockMetEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockMet(e.metric()));
    }

    @EventHandler
    void on(SlaClockCancelledEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(e.ticketId(), sequence, at, t -> t.clockCancelled(e.metric()));
    }

    /**
     * A ticket event this version of the service does not know (a newer event type): the row still moves to
     * its version, so that {@code minVersion} reads and the stream keep working; the fields it carries need
     * a replay once the service learns it.
     */
    @EventHandler
    void on(Object unknown, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (message instanceof DomainEventMessage<?> domainEvent
                && TICKET_AGGREGATE_TYPE.equals(domainEvent.getType())) {
            log.warn(
                    "Unknown ticket event {} at version {} of {}: only the version is projected",
                    message.getPayloadType().getName(),
                    sequence + 1,
                    domainEvent.getAggregateIdentifier());
            apply(domainEvent.getAggregateIdentifier(), sequence, at, t -> {});
        }
    }

    /**
     * The consumer hands each ticket's events over in version order, exactly once; the version check here is a
     * second guard. A ticket without a row cannot have a later event applied: that is a failure (the event is
     * parked and visible), never something to skip quietly.
     */
    private void apply(String ticketId, long sequence, Instant at, Consumer<TicketView> change) {
        long version = sequence + 1;
        TicketView ticket = rows.find(ticketId)
                .orElseThrow(() -> new IllegalStateException(
                        "Ticket " + ticketId + " has no row: its version " + version + " cannot be applied"));
        if (ticket.alreadyApplied(version)) {
            log.debug("Ticket {} is at version {}; event version {} ignored", ticketId, ticket.version(), version);
            return;
        }
        change.accept(ticket);
        ticket.advanceTo(version, at);
        rows.save(ticket);
    }
}
