package dev.supportdesk.model.view;

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
import java.time.Instant;
import java.util.Optional;

/**
 * Which {@link TicketView} change each ticket event makes: the mapping ticket-query's projection handlers make one
 * event type at a time, as one function, so that whoever replays a stored stream (ticket-command's as-of) builds the
 * view the read model builds. An event type it does not know moves the view to its version and changes nothing
 * else, as the projection does.
 */
public final class TicketViewEvents {

    private TicketViewEvents() {}

    /**
     * The view after one more event of its ticket; {@code version} is the ticket's version after it, {@code actor}
     * the authenticated principal recorded with it. A version the view already has is ignored.
     *
     * @param view empty before the ticket's first event, which must then be its {@link TicketOpenedEvent}
     */
    public static TicketView apply(Optional<TicketView> view, Object event, long version, Instant at, String actor) {
        if (view.isEmpty()) {
            if (event instanceof TicketOpenedEvent opened) {
                return TicketView.opened(opened, version, at);
            }
            throw new IllegalArgumentException("A ticket's first event must open it, not "
                    + event.getClass().getSimpleName());
        }
        TicketView ticket = view.get();
        if (ticket.alreadyApplied(version)) {
            return ticket;
        }
        change(ticket, event, version, at, actor);
        ticket.advanceTo(version, at);
        return ticket;
    }

    private static void change(TicketView t, Object event, long version, Instant at, String actor) {
        if (event instanceof TicketAssignedEvent e) {
            t.assigned(e.assignee(), e.group(), e.clearsAssignee());
        } else if (event instanceof PublicReplyPostedEvent e) {
            t.conversed(ConversationKind.PUBLIC_REPLY, actor, e.body(), version, at);
        } else if (event instanceof InternalNoteAddedEvent e) {
            t.conversed(ConversationKind.INTERNAL_NOTE, actor, e.body(), version, at);
        } else if (event instanceof CustomerMessageReceivedEvent e) {
            t.conversed(ConversationKind.CUSTOMER_MESSAGE, t.requesterName(), e.body(), version, at);
        } else if (event instanceof TicketPriorityChangedEvent e) {
            t.priorityChanged(e.priority());
        } else if (event instanceof TicketMarkedPendingEvent) {
            t.markedPending();
        } else if (event instanceof TicketResumedEvent) {
            t.resumed();
        } else if (event instanceof TicketResolvedEvent e) {
            t.resolved(e.resolution());
        } else if (event instanceof TicketReopenedEvent) {
            t.reopened();
        } else if (event instanceof TicketClosedEvent) {
            t.closed();
        } else if (event instanceof TicketMergedEvent e) {
            t.merged(e.intoTicketId());
        } else if (event instanceof TicketTagsChangedEvent e) {
            t.tagsChanged(e.added(), e.removed());
        } else if (event instanceof TicketEscalatedEvent e) {
            t.escalated(e.level());
        } else if (event instanceof SlaClockStartedEvent e) {
            t.clockStarted(e.metric(), e.policy(), e.dueAt(), e.warnAt());
        } else if (event instanceof SlaClockPausedEvent e) {
            t.clockPaused(e.metric());
        } else if (event instanceof SlaClockResumedEvent e) {
            t.clockResumed(e.metric(), e.dueAt(), e.warnAt());
        } else if (event instanceof SlaClockRetargetedEvent e) {
            t.clockRetargeted(e.metric(), e.policy(), e.dueAt(), e.warnAt());
        } else if (event instanceof SlaClockAtRiskEvent e) {
            t.clockAtRisk(e.metric());
        } else if (event instanceof SlaClockBreachedEvent e) {
            t.clockBreached(e.metric());
        } else if (event instanceof SlaClockMetEvent e) {
            t.clockMet(e.metric());
        } else if (event instanceof SlaClockCancelledEvent e) {
            t.clockCancelled(e.metric());
        }
    }
}
