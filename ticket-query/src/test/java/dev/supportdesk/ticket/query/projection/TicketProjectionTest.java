package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
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
import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.model.view.ConversationKind;
import dev.supportdesk.model.view.SlaState;
import dev.supportdesk.model.view.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketProjectionTest {

    private static final String ID = "T-1";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private InMemoryTicketRows rows;
    private TicketProjection projection;

    @BeforeEach
    void setUp() {
        rows = new InMemoryTicketRows();
        projection = new TicketProjection(rows);
    }

    /** One event as the consumer hands it over: a domain event of the ticket's stream with its actor. */
    private static void on(TicketProjection target, Object event, long sequence, Instant at) {
        on(target, event, sequence, at, null);
    }

    private static void on(TicketProjection target, Object event, long sequence, Instant at, String actor) {
        target.on(message(event, sequence, at, actor));
    }

    private static DomainEventMessage<Object> message(Object event, long sequence, Instant at, String actor) {
        String ticketId = ticketIdOf(event);
        MetaData metadata = actor == null ? MetaData.emptyInstance() : MetaData.with(MetadataKeys.ACTOR, actor);
        return new GenericDomainEventMessage<>(
                TicketProjection.TICKET_AGGREGATE_TYPE,
                ticketId,
                sequence,
                event,
                metadata,
                ticketId + "-" + sequence,
                at);
    }

    /** Every ticket event names its ticket in its first component. */
    private static String ticketIdOf(Object event) {
        try {
            return (String)
                    event.getClass().getRecordComponents()[0].getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opened (version 1) and its two clocks (versions 2 and 3), as ticket-command writes them in one command. */
    private void openNormalTicket() {
        on(projection, opened(), 0, T0);
        on(
                projection,
                new SlaClockStartedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "default",
                        "24x7",
                        Duration.ofHours(4),
                        T0.plus(Duration.ofHours(4)),
                        T0.plus(Duration.ofMinutes(192))),
                1,
                T0);
        on(
                projection,
                new SlaClockStartedEvent(
                        ID,
                        SlaMetric.RESOLUTION,
                        "default",
                        "24x7",
                        Duration.ofHours(24),
                        T0.plus(Duration.ofHours(24)),
                        T0.plus(Duration.ofMinutes(1152))),
                2,
                T0);
    }

    private static TicketOpenedEvent opened() {
        return new TicketOpenedEvent(
                ID,
                "Printer on fire",
                "Smoke everywhere",
                Channel.PHONE,
                Priority.NORMAL,
                new Requester("Carla Customer", "carla@example.com", null),
                CustomerTier.PREMIUM,
                List.of("hardware", "fire"));
    }

    private TicketView ticket() {
        return rows.get(ID);
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void openingCreatesANewTicketWithEveryFieldOfTheEvent() {
        on(projection, opened(), 0, T0);

        TicketView t = ticket();
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.subject()).isEqualTo("Printer on fire");
        assertThat(t.description()).isEqualTo("Smoke everywhere");
        assertThat(t.channel()).isEqualTo(Channel.PHONE);
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(t.customerTier()).isEqualTo(CustomerTier.PREMIUM);
        assertThat(t.requester().name()).isEqualTo("Carla Customer");
        assertThat(t.tags()).containsExactly("hardware", "fire");
        assertThat(t.createdAt()).isEqualTo(T0);
        assertThat(t.updatedAt()).isEqualTo(T0);
        assertThat(t.assignee()).isNull();
        assertThat(t.escalationLevel()).isZero();
    }

    @Test
    void startedClocksGiveDueInstantsPolicyAndOnTrack() {
        openNormalTicket();

        TicketView t = ticket();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.slaPolicy()).isEqualTo("default");
        assertThat(t.dueAt(SlaMetric.FIRST_RESPONSE)).isEqualTo(at(240));
        assertThat(t.dueAt(SlaMetric.RESOLUTION)).isEqualTo(at(1440));
        assertThat(t.dueAt(SlaMetric.NEXT_RESPONSE)).isNull();
        assertThat(t.earliestDueAt()).isEqualTo(at(240));
        assertThat(t.slaState()).isEqualTo(SlaState.ON_TRACK);
    }

    @Test
    void assigningANewTicketOpensItAndKeepsTheOtherPartWhenNull() {
        openNormalTicket();

        on(projection, new TicketAssignedEvent(ID, "alice", "tier1"), 3, at(1));
        assertThat(ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket().assignee()).isEqualTo("alice");
        assertThat(ticket().group()).isEqualTo("tier1");
        assertThat(ticket().updatedAt()).isEqualTo(at(1));

        on(projection, new TicketAssignedEvent(ID, null, "tier2"), 4, at(2));
        assertThat(ticket().assignee()).isEqualTo("alice");
        assertThat(ticket().group()).isEqualTo("tier2");
        assertThat(ticket().version()).isEqualTo(5);
    }

    @Test
    void assigningAPendingTicketKeepsItsStatus() {
        openNormalTicket();
        on(projection, new TicketAssignedEvent(ID, "alice", null), 3, at(1));
        on(projection, new TicketMarkedPendingEvent(ID, "waiting"), 4, at(2));

        on(projection, new TicketAssignedEvent(ID, "bob", null), 5, at(3));

        assertThat(ticket().status()).isEqualTo(TicketStatus.PENDING);
        assertThat(ticket().assignee()).isEqualTo("bob");
    }

    @Test
    void conversationKeepsRepliesNotesAndCustomerMessagesInOrderWithTheirAuthors() {
        openNormalTicket();

        on(projection, new InternalNoteAddedEvent(ID, "checking"), 3, at(1), "alice");
        on(projection, new PublicReplyPostedEvent(ID, "we are on it"), 4, at(2), "bob");
        on(projection, new CustomerMessageReceivedEvent(ID, "still burning"), 5, at(3));

        assertThat(rows.conversation(ID))
                .containsExactly(
                        new ConversationEntry(4, ConversationKind.INTERNAL_NOTE, "alice", at(1), "checking"),
                        new ConversationEntry(5, ConversationKind.PUBLIC_REPLY, "bob", at(2), "we are on it"),
                        new ConversationEntry(
                                6, ConversationKind.CUSTOMER_MESSAGE, "Carla Customer", at(3), "still burning"));
        assertThat(ticket().version()).isEqualTo(6);
    }

    @Test
    void everyStatusEventSetsItsStatus() {
        openNormalTicket();
        on(projection, new TicketAssignedEvent(ID, "alice", null), 3, at(1));
        on(projection, new TicketMarkedPendingEvent(ID, "need logs"), 4, at(2));
        assertThat(ticket().status()).isEqualTo(TicketStatus.PENDING);
        on(projection, new TicketResumedEvent(ID, "logs arrived"), 5, at(3));
        assertThat(ticket().status()).isEqualTo(TicketStatus.OPEN);
        on(projection, new TicketResolvedEvent(ID, "replaced the toner"), 6, at(4));
        assertThat(ticket().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(ticket().resolution()).isEqualTo("replaced the toner");
        on(projection, new TicketReopenedEvent(ID, "fire again"), 7, at(5));
        assertThat(ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket().resolution()).isNull();
        on(projection, new TicketResolvedEvent(ID, "new printer"), 8, at(6));
        on(projection, new TicketClosedEvent(ID), 9, at(7));
        assertThat(ticket().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket().version()).isEqualTo(10);
        assertThat(ticket().updatedAt()).isEqualTo(at(7));
    }

    @Test
    void mergingClosesTheTicketAndNamesTheSurvivor() {
        openNormalTicket();

        on(projection, new TicketMergedEvent(ID, "T-9"), 3, at(1));

        assertThat(ticket().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket().mergedInto()).isEqualTo("T-9");
    }

    @Test
    void priorityTagsAndEscalationChange() {
        openNormalTicket();

        on(projection, new TicketPriorityChangedEvent(ID, Priority.URGENT, Priority.NORMAL, "boss called"), 3, at(1));
        on(projection, new TicketTagsChangedEvent(ID, List.of("vip", "hardware"), List.of("fire")), 4, at(2));
        on(projection, new TicketEscalatedEvent(ID, 1, EscalationTrigger.MANUAL, null, "boss"), 5, at(3));
        on(
                projection,
                new TicketEscalatedEvent(ID, 2, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, null),
                6,
                at(4));

        assertThat(ticket().priority()).isEqualTo(Priority.URGENT);
        assertThat(ticket().tags()).containsExactly("hardware", "vip");
        assertThat(ticket().escalationLevel()).isEqualTo(2);
    }

    @Test
    void pendingPausesClocksSoNoDueInstantAndStatePaused() {
        openNormalTicket();
        on(projection, new TicketAssignedEvent(ID, "alice", null), 3, at(1));
        on(projection, new TicketMarkedPendingEvent(ID, "need logs"), 4, at(2));
        on(projection, new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(238)), 5, at(2));
        on(projection, new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofMinutes(1438)), 6, at(2));

        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isNull();
        assertThat(ticket().dueAt(SlaMetric.RESOLUTION)).isNull();
        assertThat(ticket().earliestDueAt()).isNull();
        assertThat(ticket().slaState()).isEqualTo(SlaState.PAUSED);

        on(projection, new TicketResumedEvent(ID, "answered"), 7, at(60));
        on(projection, new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, at(298), at(250)), 8, at(60));
        on(projection, new SlaClockResumedEvent(ID, SlaMetric.RESOLUTION, at(1498), at(1210)), 9, at(60));

        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isEqualTo(at(298));
        assertThat(ticket().earliestDueAt()).isEqualTo(at(298));
        assertThat(ticket().slaState()).isEqualTo(SlaState.ON_TRACK);
    }

    @Test
    void warningOnARunningClockIsAtRiskAndEndsWhenThatClockIsMet() {
        openNormalTicket();

        on(projection, new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, at(192)), 3, at(192));
        assertThat(ticket().slaState()).isEqualTo(SlaState.AT_RISK);

        on(projection, new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(200)), 4, at(200));
        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isNull();
        assertThat(ticket().slaState()).isEqualTo(SlaState.ON_TRACK);
    }

    @Test
    void breachWinsOverEverythingAndIsNeverUndone() {
        openNormalTicket();
        on(projection, new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, at(192)), 3, at(192));
        on(projection, new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, at(240)), 4, at(240));
        on(
                projection,
                new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, null),
                5,
                at(240));
        assertThat(ticket().slaState()).isEqualTo(SlaState.BREACHED);
        assertThat(ticket().escalationLevel()).isEqualTo(1);
        // a breached clock still runs until it is met: its due instant stays visible
        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isEqualTo(at(240));

        on(
                projection,
                new SlaClockRetargetedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "urgent",
                        Duration.ofHours(8),
                        Duration.ofHours(4),
                        at(480),
                        at(400)),
                6,
                at(241));
        on(projection, new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(250)), 7, at(250));
        on(projection, new TicketResolvedEvent(ID, "done"), 8, at(260));
        on(projection, new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofMinutes(260)), 9, at(260));

        assertThat(ticket().slaState()).isEqualTo(SlaState.BREACHED);
    }

    @Test
    void noRunningClockAndNoBreachIsMet() {
        openNormalTicket();
        on(projection, new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(5)), 3, at(5));
        on(projection, new TicketResolvedEvent(ID, "done"), 4, at(6));
        on(projection, new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofMinutes(6)), 5, at(6));

        assertThat(ticket().slaState()).isEqualTo(SlaState.MET);
        assertThat(ticket().earliestDueAt()).isNull();
    }

    @Test
    void mergedTicketsClocksAreCancelled() {
        openNormalTicket();
        on(projection, new TicketMergedEvent(ID, "T-9"), 3, at(1));
        on(projection, new SlaClockCancelledEvent(ID, SlaMetric.FIRST_RESPONSE, "merged"), 4, at(1));
        on(projection, new SlaClockCancelledEvent(ID, SlaMetric.RESOLUTION, "merged"), 5, at(1));

        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isNull();
        assertThat(ticket().dueAt(SlaMetric.RESOLUTION)).isNull();
        assertThat(ticket().slaState()).isEqualTo(SlaState.MET);
    }

    @Test
    void retargetMovesRunningClocksAndChangesThePolicy() {
        openNormalTicket();

        on(
                projection,
                new SlaClockRetargetedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "vip",
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(20),
                        at(30),
                        at(24)),
                3,
                at(10));

        assertThat(ticket().slaPolicy()).isEqualTo("vip");
        assertThat(ticket().dueAt(SlaMetric.FIRST_RESPONSE)).isEqualTo(at(30));
        assertThat(ticket().earliestDueAt()).isEqualTo(at(30));
    }

    @Test
    void retargetOfAPausedClockKeepsItPaused() {
        openNormalTicket();
        on(projection, new TicketMarkedPendingEvent(ID, "wait"), 3, at(1));
        on(projection, new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)), 4, at(1));

        on(
                projection,
                new SlaClockRetargetedEvent(
                        ID, SlaMetric.RESOLUTION, "vip", Duration.ofHours(4), Duration.ofHours(3), null, null),
                5,
                at(2));

        assertThat(ticket().dueAt(SlaMetric.RESOLUTION)).isNull();
        assertThat(ticket().slaState()).isEqualTo(SlaState.PAUSED);
    }

    @Test
    void reopenRestartsTheResolutionClock() {
        openNormalTicket();
        on(projection, new TicketResolvedEvent(ID, "done"), 3, at(10));
        on(projection, new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofMinutes(10)), 4, at(10));
        assertThat(ticket().dueAt(SlaMetric.RESOLUTION)).isNull();

        on(projection, new TicketReopenedEvent(ID, "not done"), 5, at(20));
        on(
                projection,
                new SlaClockStartedEvent(
                        ID,
                        SlaMetric.RESOLUTION,
                        "default",
                        "24x7",
                        Duration.ofHours(24),
                        at(20 + 1440),
                        at(20 + 1152)),
                6,
                at(20));

        assertThat(ticket().dueAt(SlaMetric.RESOLUTION)).isEqualTo(at(1460));
        assertThat(ticket().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void anEventAtOrBelowTheStoredVersionChangesNothing() {
        openNormalTicket();
        on(projection, new TicketAssignedEvent(ID, "alice", "tier1"), 3, at(1));
        on(projection, new PublicReplyPostedEvent(ID, "hello"), 4, at(2), "alice");
        int savesBefore = rows.saves;

        // the same events delivered again, and an older one with other content
        on(projection, new TicketAssignedEvent(ID, "alice", "tier1"), 3, at(1));
        on(projection, new PublicReplyPostedEvent(ID, "hello"), 4, at(2), "alice");
        on(projection, new TicketAssignedEvent(ID, "bob", "tier2"), 3, at(9));
        on(projection, opened(), 0, at(9));

        assertThat(rows.saves).isEqualTo(savesBefore);
        assertThat(ticket().assignee()).isEqualTo("alice");
        assertThat(ticket().version()).isEqualTo(5);
        assertThat(ticket().updatedAt()).isEqualTo(at(2));
        assertThat(rows.conversation(ID)).hasSize(1);
    }

    /** The consumer parks such an event (and shows it) instead of the projection skipping it without a trace. */
    @Test
    void anEventOfATicketWithoutARowFailsInsteadOfBeingSkipped() {
        assertThatThrownBy(() -> on(projection, new TicketAssignedEvent("T-404", "alice", null), 3, at(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("T-404");

        assertThat(rows.get("T-404")).isNull();
        assertThat(rows.saves).isZero();
    }

    @Test
    void replayingTheSameEventsGivesTheSameRow() {
        openNormalTicket();
        on(projection, new TicketAssignedEvent(ID, "alice", "tier1"), 3, at(1));
        TicketView first = ticket();

        InMemoryTicketRows replayRows = new InMemoryTicketRows();
        TicketProjection replay = new TicketProjection(replayRows);
        on(replay, opened(), 0, T0);
        on(
                replay,
                new SlaClockStartedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "default",
                        "24x7",
                        Duration.ofHours(4),
                        T0.plus(Duration.ofHours(4)),
                        T0.plus(Duration.ofMinutes(192))),
                1,
                T0);
        on(
                replay,
                new SlaClockStartedEvent(
                        ID,
                        SlaMetric.RESOLUTION,
                        "default",
                        "24x7",
                        Duration.ofHours(24),
                        T0.plus(Duration.ofHours(24)),
                        T0.plus(Duration.ofMinutes(1152))),
                2,
                T0);
        on(replay, new TicketAssignedEvent(ID, "alice", "tier1"), 3, at(1));

        TicketView second = replayRows.get(ID);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
    }
    /** Two tickets' histories, interleaved as the topic delivers them: every version of both, in order. */
    private static List<DomainEventMessage<Object>> twoTicketsInterleaved() {
        List<DomainEventMessage<Object>> t1 = List.of(
                message(opened(), 0, T0, "alice"),
                message(new TicketAssignedEvent(ID, "alice", "tier1"), 1, at(1), "alice"),
                message(new InternalNoteAddedEvent(ID, "checking"), 2, at(2), "alice"),
                message(new PublicReplyPostedEvent(ID, "on it"), 3, at(3), "bob"),
                message(new TicketTagsChangedEvent(ID, List.of("urgent"), List.of("fire")), 4, at(4), "bob"),
                message(new CustomerMessageReceivedEvent(ID, "thanks"), 5, at(5), "bob"),
                message(new TicketResolvedEvent(ID, "replaced"), 6, at(6), "bob"));
        TicketOpenedEvent other = new TicketOpenedEvent(
                "T-2",
                "Second",
                null,
                Channel.EMAIL,
                Priority.HIGH,
                new Requester("Dan", null, null),
                CustomerTier.STANDARD,
                List.of());
        List<DomainEventMessage<Object>> t2 = List.of(
                message(other, 0, at(1), "sam"),
                message(new InternalNoteAddedEvent("T-2", "first"), 1, at(2), "sam"),
                message(new TicketMarkedPendingEvent("T-2", "waiting"), 2, at(3), "sam"),
                message(new TicketEscalatedEvent("T-2", 1, EscalationTrigger.MANUAL, null, "help"), 3, at(4), "sam"));
        List<DomainEventMessage<Object>> all = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(t1.size(), t2.size()); i++) {
            if (i < t1.size()) {
                all.add(t1.get(i));
            }
            if (i < t2.size()) {
                all.add(t2.get(i));
            }
        }
        return all;
    }

    @Test
    void aBatchGivesTheRowsAndConversationsThatEventAfterEventGives() {
        List<DomainEventMessage<Object>> history = twoTicketsInterleaved();
        for (DomainEventMessage<Object> event : history) {
            projection.on(event);
        }

        InMemoryTicketRows batchRows = new InMemoryTicketRows();
        TicketProjection batched = new TicketProjection(batchRows);
        for (int from = 0; from < history.size(); from += 4) {
            batched.onBatch(history.subList(from, Math.min(history.size(), from + 4)));
        }

        for (String id : List.of(ID, "T-2")) {
            assertThat(batchRows.get(id)).usingRecursiveComparison().isEqualTo(rows.get(id));
            assertThat(batchRows.conversation(id)).isEqualTo(rows.conversation(id));
        }
        assertThat(batchRows.get(ID).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(batchRows.conversation(ID)).hasSize(3);
        assertThat(batchRows.saves).as("each ticket saved once a batch").isLessThan(rows.saves);
    }

    @Test
    void aBatchWithAnEventOfATicketWithoutARowFailsWhole() {
        List<DomainEventMessage<Object>> batch = List.of(
                message(opened(), 0, T0, "alice"),
                message(new TicketAssignedEvent("T-404", "alice", null), 3, at(1), "alice"));

        assertThatThrownBy(() -> projection.onBatch(batch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("T-404");
        assertThat(rows.saves).isZero();
    }
}
