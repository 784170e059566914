package dev.supportdesk.ticket.command.ticket;

import static dev.supportdesk.ticket.command.ticket.TicketFixtures.ALICE;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.BOB;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.SLA_MONITOR;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.firstResponseStarted;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.resolutionStarted;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.retargetedToHighAfterOneHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE;
import static org.junit.jupiter.params.provider.EnumSource.Mode.INCLUDE;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.contract.Visibility;
import dev.supportdesk.contract.commands.AssignTicketCommand;
import dev.supportdesk.contract.commands.ChangePriorityCommand;
import dev.supportdesk.contract.commands.ChangeTagsCommand;
import dev.supportdesk.contract.commands.CloseTicketCommand;
import dev.supportdesk.contract.commands.EscalateTicketCommand;
import dev.supportdesk.contract.commands.MarkTicketPendingCommand;
import dev.supportdesk.contract.commands.MergeTicketCommand;
import dev.supportdesk.contract.commands.NoteMergedTicketCommand;
import dev.supportdesk.contract.commands.OpenTicketCommand;
import dev.supportdesk.contract.commands.PostReplyCommand;
import dev.supportdesk.contract.commands.RecordCustomerMessageCommand;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.contract.commands.ReopenTicketCommand;
import dev.supportdesk.contract.commands.ResolveTicketCommand;
import dev.supportdesk.contract.commands.ResumeTicketCommand;
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
import dev.supportdesk.ticket.command.sla.SlaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketTest {

    private static final String ID = "T-1";
    /** Opened at T0 as NORMAL: first response 4 h (warning at 80 %: 3 h 12 min), resolution 24 h. */
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Instant FR_DUE = T0.plus(Duration.ofHours(4));
    private static final Instant FR_WARN = T0.plus(Duration.ofMinutes(192));
    private static final Instant RES_DUE = T0.plus(Duration.ofHours(24));
    private static final Instant RES_WARN = T0.plus(Duration.ofMinutes(1152));
    /** A supervisor: the web layer stamps the permissions of the role beside it. */
    private static final Map<String, Object> SAM = Map.of(
            MetadataKeys.ACTOR,
            "sam",
            MetadataKeys.ACTOR_ROLE,
            "SUPERVISOR",
            MetadataKeys.MAY_REASSIGN,
            true,
            MetadataKeys.MAY_ESCALATE,
            true);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = TicketFixtures.at(NOW);
    }

    // ---- histories that put the ticket in each status

    private static List<Object> opened() {
        return new ArrayList<>(List.of(
                new TicketOpenedEvent(
                        ID,
                        "Printer on fire",
                        "It smokes",
                        Channel.PHONE,
                        Priority.NORMAL,
                        new Requester("Carla", "carla@example.com", null),
                        CustomerTier.STANDARD,
                        List.of("printer")),
                firstResponseStarted(ID, T0),
                resolutionStarted(ID, T0)));
    }

    private static List<Object> assigned() {
        List<Object> events = opened();
        events.add(new TicketAssignedEvent(ID, "alice", "tier1"));
        return events;
    }

    private static List<Object> pending() {
        List<Object> events = assigned();
        events.add(new TicketMarkedPendingEvent(ID, "waiting"));
        events.add(new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(3)));
        events.add(new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)));
        return events;
    }

    private static List<Object> resolved() {
        List<Object> events = assigned();
        events.add(new TicketResolvedEvent(ID, "rebooted"));
        events.add(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)));
        events.add(new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(1)));
        return events;
    }

    private static List<Object> closed() {
        List<Object> events = resolved();
        events.add(new TicketClosedEvent(ID));
        return events;
    }

    private static List<Object> in(TicketStatus status) {
        return switch (status) {
            case NEW -> opened();
            case OPEN -> assigned();
            case PENDING -> pending();
            case RESOLVED -> resolved();
            case CLOSED -> closed();
        };
    }

    private static EventMessage<?> bySystem(Object payload) {
        return GenericEventMessage.asEventMessage(payload).withMetaData(SLA_MONITOR);
    }

    private void expectRefusedIn(TicketStatus status, Object command) {
        fixture.given(in(status))
                .when(command, ALICE)
                .expectNoEvents()
                .expectException(TicketStateConflictException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is " + status));
    }

    // ---- open

    @Test
    void openingStartsFirstResponseAndResolutionClocksAndAnswersTheVersion() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenTicketCommand(
                                ID,
                                "Printer on fire",
                                "It smokes",
                                Channel.PHONE,
                                Priority.NORMAL,
                                new Requester("Carla", "carla@example.com", null),
                                CustomerTier.STANDARD,
                                List.of("printer", "printer")),
                        ALICE)
                .expectEvents(
                        new TicketOpenedEvent(
                                ID,
                                "Printer on fire",
                                "It smokes",
                                Channel.PHONE,
                                Priority.NORMAL,
                                new Requester("Carla", "carla@example.com", null),
                                CustomerTier.STANDARD,
                                List.of("printer")),
                        firstResponseStarted(ID, NOW),
                        resolutionStarted(ID, NOW))
                .expectResultMessagePayload(3L);
    }

    @Test
    void anUrgentTicketGetsTheUrgentTargetsAndAConfiguredOverride() {
        AggregateTestFixture<Ticket> custom = TicketFixtures.at(
                NOW,
                SlaSettings.policies(Map.of(
                        "support.sla.default-policy.targets.URGENT.first-response", "PT2S",
                        "support.sla.default-policy.targets.URGENT.next-response", "PT10M")));
        custom.givenNoPriorActivity()
                .when(
                        new OpenTicketCommand(
                                ID,
                                "s",
                                "d",
                                Channel.CHAT,
                                Priority.URGENT,
                                new Requester("C", null, null),
                                CustomerTier.PREMIUM,
                                null),
                        ALICE)
                .expectEvents(
                        new TicketOpenedEvent(
                                ID,
                                "s",
                                "d",
                                Channel.CHAT,
                                Priority.URGENT,
                                new Requester("C", null, null),
                                CustomerTier.PREMIUM,
                                List.of()),
                        new SlaClockStartedEvent(
                                ID,
                                SlaMetric.FIRST_RESPONSE,
                                "default",
                                "24x7",
                                Duration.ofSeconds(2),
                                NOW.plusSeconds(2),
                                NOW.plusMillis(1600),
                                0L,
                                0L,
                                0L),
                        new SlaClockStartedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                "default",
                                "24x7",
                                Duration.ofHours(4),
                                NOW.plus(Duration.ofHours(4)),
                                NOW.plus(Duration.ofMinutes(192)),
                                0L,
                                0L,
                                0L));
    }

    // ---- assign

    @Test
    void assigningANewTicketOpensIt() {
        fixture.given(opened())
                .when(new AssignTicketCommand(ID, "bob", "tier1", null), ALICE)
                .expectEvents(new TicketAssignedEvent(ID, "bob", "tier1"))
                .expectResultMessagePayload(4L)
                .expectState(ticket -> assertThat(ticket).extracting("status").isEqualTo(TicketStatus.OPEN));
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"},
            mode = INCLUDE)
    void assignIsRefusedOnceResolved(TicketStatus status) {
        expectRefusedIn(status, new AssignTicketCommand(ID, "alice", null, null));
    }

    @Test
    void anAgentMayNotTakeATicketAssignedToSomeoneElse() {
        fixture.given(assigned())
                .when(new AssignTicketCommand(ID, "bob", null, null), BOB)
                .expectNoEvents()
                .expectException(TicketActionForbiddenException.class);
    }

    @Test
    void aSupervisorMayReassignAnyTicket() {
        fixture.given(assigned())
                .when(new AssignTicketCommand(ID, "bob", null, null), SAM)
                .expectEvents(new TicketAssignedEvent(ID, "bob", null));
    }

    @Test
    void whetherATicketMayBeTakenFromSomeoneElseIsThePermissionInTheCommandNotTheRoleName() {
        fixture.given(assigned())
                .when(
                        new AssignTicketCommand(ID, "bob", null, null),
                        Map.of(
                                MetadataKeys.ACTOR,
                                "sam",
                                MetadataKeys.ACTOR_ROLE,
                                "SUPERVISOR",
                                MetadataKeys.MAY_REASSIGN,
                                false))
                .expectNoEvents()
                .expectException(TicketActionForbiddenException.class);
        TicketFixtures.at(NOW)
                .given(assigned())
                .when(
                        new AssignTicketCommand(ID, "bob", null, null),
                        Map.of(
                                MetadataKeys.ACTOR,
                                "bob",
                                MetadataKeys.ACTOR_ROLE,
                                "AGENT",
                                MetadataKeys.MAY_REASSIGN,
                                true))
                .expectEvents(new TicketAssignedEvent(ID, "bob", null));
    }

    @Test
    void anAgentMayMoveATicketAssignedToSomeoneElseToAnotherGroup() {
        fixture.given(assigned())
                .when(new AssignTicketCommand(ID, null, "tier2", null), BOB)
                .expectEvents(new TicketAssignedEvent(ID, null, "tier2"));
    }

    @Test
    void anAgentMayHandOnHisOwnTicket() {
        fixture.given(assigned())
                .when(new AssignTicketCommand(ID, "bob", null, null), ALICE)
                .expectEvents(new TicketAssignedEvent(ID, "bob", null));
    }

    // ---- replies

    @Test
    void aPublicReplyOnANewTicketAssignsItToTheReplierAndMeetsTheFirstResponse() {
        fixture.given(opened())
                .when(new PostReplyCommand(ID, "On my way", Visibility.PUBLIC, null), BOB)
                .expectEvents(
                        new TicketAssignedEvent(ID, "bob", null),
                        new PublicReplyPostedEvent(ID, "On my way"),
                        new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)))
                .expectResultMessagePayload(6L);
    }

    @Test
    void aSecondPublicReplyMeetsNothing() {
        List<Object> history = assigned();
        history.add(new PublicReplyPostedEvent(ID, "first"));
        history.add(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30)));
        fixture.given(history)
                .when(new PostReplyCommand(ID, "second", Visibility.PUBLIC, null), ALICE)
                .expectEvents(new PublicReplyPostedEvent(ID, "second"));
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"},
            mode = INCLUDE)
    void aPublicReplyIsRefusedOnceResolved(TicketStatus status) {
        expectRefusedIn(status, new PostReplyCommand(ID, "hello", Visibility.PUBLIC, null));
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "CLOSED", mode = EXCLUDE)
    void anInternalNoteKeepsTheStatus(TicketStatus status) {
        fixture.given(in(status))
                .when(new PostReplyCommand(ID, "note", Visibility.INTERNAL, null), ALICE)
                .expectEvents(new InternalNoteAddedEvent(ID, "note"))
                .expectState(ticket -> assertThat(ticket).extracting("status").isEqualTo(status));
    }

    @Test
    void anInternalNoteIsRefusedOnAClosedTicket() {
        expectRefusedIn(TicketStatus.CLOSED, new PostReplyCommand(ID, "note", Visibility.INTERNAL, null));
    }

    // ---- customer messages

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"NEW", "OPEN"},
            mode = INCLUDE)
    void aCustomerMessageOnAnActiveTicketIsRecorded(TicketStatus status) {
        fixture.given(in(status))
                .when(new RecordCustomerMessageCommand(ID, "any news?", null), ALICE)
                .expectEvents(new CustomerMessageReceivedEvent(ID, "any news?"));
    }

    @Test
    void aCustomerMessageEndsTheWaitAndResumesTheClocks() {
        // paused with 3 h and 23 h left; resumed at NOW: warnings at 80 % of the targets
        fixture.given(pending())
                .when(new RecordCustomerMessageCommand(ID, "here it is", null), ALICE)
                .expectEvents(
                        new CustomerMessageReceivedEvent(ID, "here it is"),
                        new TicketResumedEvent(ID, "customer replied"),
                        new SlaClockResumedEvent(
                                ID,
                                SlaMetric.FIRST_RESPONSE,
                                NOW.plus(Duration.ofHours(3)),
                                NOW.plus(Duration.ofMinutes(132))),
                        new SlaClockResumedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                NOW.plus(Duration.ofHours(23)),
                                NOW.plus(Duration.ofMinutes(1092))))
                .expectState(ticket -> assertThat(ticket).extracting("status").isEqualTo(TicketStatus.OPEN));
    }

    @Test
    void aCustomerMessageReopensAResolvedTicketAndRestartsResolution() {
        fixture.given(resolved())
                .when(new RecordCustomerMessageCommand(ID, "still broken", null), ALICE)
                .expectEvents(
                        new CustomerMessageReceivedEvent(ID, "still broken"),
                        new TicketReopenedEvent(ID, "customer replied"),
                        resolutionStarted(ID, NOW));
    }

    @Test
    void aCustomerMessageIsRefusedOnAClosedTicket() {
        expectRefusedIn(TicketStatus.CLOSED, new RecordCustomerMessageCommand(ID, "hello?", null));
    }

    @Test
    void aPolicyWithANextResponseTargetRunsItFromACustomerMessageToTheNextReply() {
        List<Object> history = assigned();
        history.add(new PublicReplyPostedEvent(ID, "first"));
        history.add(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30)));
        AggregateTestFixture<Ticket> custom = TicketFixtures.at(
                NOW, SlaSettings.policies(Map.of("support.sla.default-policy.targets.NORMAL.next-response", "PT2H")));
        custom.given(history)
                .when(new RecordCustomerMessageCommand(ID, "and now?", null), ALICE)
                .expectEvents(
                        new CustomerMessageReceivedEvent(ID, "and now?"),
                        new SlaClockStartedEvent(
                                ID,
                                SlaMetric.NEXT_RESPONSE,
                                "default",
                                "24x7",
                                Duration.ofHours(2),
                                NOW.plus(Duration.ofHours(2)),
                                NOW.plus(Duration.ofMinutes(96)),
                                0L,
                                0L,
                                0L));
        history.add(new CustomerMessageReceivedEvent(ID, "and now?"));
        history.add(new SlaClockStartedEvent(
                ID,
                SlaMetric.NEXT_RESPONSE,
                "default",
                "24x7",
                Duration.ofHours(2),
                NOW.minus(Duration.ofMinutes(30)).plus(Duration.ofHours(2)),
                NOW.plus(Duration.ofMinutes(66)),
                0L,
                0L,
                0L));
        custom.given(history)
                .when(new PostReplyCommand(ID, "here", Visibility.PUBLIC, null), ALICE)
                .expectEvents(
                        new PublicReplyPostedEvent(ID, "here"),
                        new SlaClockMetEvent(ID, SlaMetric.NEXT_RESPONSE, Duration.ofMinutes(30)));
    }

    // ---- priority

    @Test
    void aPriorityChangeRetargetsTheRunningClocks() {
        // one hour elapsed: HIGH gives 1 h / 8 h, so first response is due now and resolution in 7 h
        List<Object> expected = new ArrayList<>();
        expected.add(new TicketPriorityChangedEvent(ID, Priority.HIGH, Priority.NORMAL, "VIP"));
        expected.addAll(retargetedToHighAfterOneHour(ID, NOW));
        fixture.given(assigned())
                .when(new ChangePriorityCommand(ID, Priority.HIGH, "VIP", null), ALICE)
                .expectEvents(expected.toArray());
    }

    @Test
    void aPriorityChangeRetargetsPausedClocksWithoutInstants() {
        // paused with 3 h of 4 h left (1 h elapsed); LOW gives 8 h / 72 h
        fixture.given(pending())
                .when(new ChangePriorityCommand(ID, Priority.LOW, null, null), ALICE)
                .expectEvents(
                        new TicketPriorityChangedEvent(ID, Priority.LOW, Priority.NORMAL, null),
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.FIRST_RESPONSE,
                                "default",
                                Duration.ofHours(8),
                                Duration.ofHours(7),
                                null,
                                null,
                                0L,
                                "24x7",
                                0L),
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                "default",
                                Duration.ofHours(72),
                                Duration.ofHours(71),
                                null,
                                null,
                                0L,
                                "24x7",
                                0L));
    }

    @Test
    void theSamePriorityStoresNothing() {
        fixture.given(assigned())
                .when(new ChangePriorityCommand(ID, Priority.NORMAL, null, null), ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(4L);
    }

    @Test
    void aPriorityChangeIsRefusedOnAClosedTicket() {
        expectRefusedIn(TicketStatus.CLOSED, new ChangePriorityCommand(ID, Priority.HIGH, null, null));
    }

    // ---- pending and resume

    @Test
    void pendingPausesEveryRunningClockWithItsRemainingTime() {
        fixture.given(assigned())
                .when(new MarkTicketPendingCommand(ID, "need logs", null), ALICE)
                .expectEvents(
                        new TicketMarkedPendingEvent(ID, "need logs"),
                        new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(3)),
                        new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)));
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "OPEN", mode = EXCLUDE)
    void pendingIsRefusedUnlessOpen(TicketStatus status) {
        expectRefusedIn(status, new MarkTicketPendingCommand(ID, null, null));
    }

    @Test
    void resumeRunsThePausedClocksAgainWithoutAWarningThatAlreadyFired() {
        List<Object> history = assigned();
        history.add(bySystem(new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN)));
        history.add(new TicketMarkedPendingEvent(ID, null));
        history.add(new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30)));
        history.add(new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)));
        fixture.given(history)
                .when(new ResumeTicketCommand(ID, "customer called", null), ALICE)
                .expectEvents(
                        new TicketResumedEvent(ID, "customer called"),
                        new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, NOW.plus(Duration.ofMinutes(30)), null),
                        new SlaClockResumedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                NOW.plus(Duration.ofHours(23)),
                                NOW.plus(Duration.ofMinutes(1092))));
    }

    @Test
    void resumeLeavesNoWarningThatLiesInThePast() {
        List<Object> history = assigned();
        history.add(new TicketMarkedPendingEvent(ID, null));
        // 30 min of 4 h left: the 80 % warning point has passed
        history.add(new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30)));
        history.add(new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)));
        fixture.given(history)
                .when(new ResumeTicketCommand(ID, null, null), ALICE)
                .expectEvents(
                        new TicketResumedEvent(ID, null),
                        new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, NOW.plus(Duration.ofMinutes(30)), null),
                        new SlaClockResumedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                NOW.plus(Duration.ofHours(23)),
                                NOW.plus(Duration.ofMinutes(1092))));
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "PENDING", mode = EXCLUDE)
    void resumeIsRefusedUnlessPending(TicketStatus status) {
        expectRefusedIn(status, new ResumeTicketCommand(ID, null, null));
    }

    // ---- resolve, reopen, close

    @Test
    void resolvingMeetsEveryRunningClock() {
        fixture.given(assigned())
                .when(new ResolveTicketCommand(ID, "rebooted", null), ALICE)
                .expectEvents(
                        new TicketResolvedEvent(ID, "rebooted"),
                        new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)),
                        new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(1)));
    }

    @Test
    void resolvingAPendingTicketMeetsThePausedClocks() {
        fixture.given(pending())
                .when(new ResolveTicketCommand(ID, "fixed", null), ALICE)
                .expectEvents(
                        new TicketResolvedEvent(ID, "fixed"),
                        new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)),
                        new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(1)));
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"},
            mode = INCLUDE)
    void resolveIsRefusedOnceResolved(TicketStatus status) {
        expectRefusedIn(status, new ResolveTicketCommand(ID, "again", null));
    }

    @Test
    void reopeningRestartsResolutionWithItsFullTarget() {
        fixture.given(resolved())
                .when(new ReopenTicketCommand(ID, "not fixed", null), ALICE)
                .expectEvents(new TicketReopenedEvent(ID, "not fixed"), resolutionStarted(ID, NOW));
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "RESOLVED", mode = EXCLUDE)
    void reopenIsRefusedUnlessResolved(TicketStatus status) {
        expectRefusedIn(status, new ReopenTicketCommand(ID, "why", null));
    }

    @Test
    void closingAResolvedTicketIsFinal() {
        fixture.given(resolved())
                .when(new CloseTicketCommand(ID, null), ALICE)
                .expectEvents(new TicketClosedEvent(ID))
                .expectResultMessagePayload(8L);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "RESOLVED", mode = EXCLUDE)
    void closeIsRefusedUnlessResolved(TicketStatus status) {
        expectRefusedIn(status, new CloseTicketCommand(ID, null));
    }

    // ---- tags

    @Test
    void tagChangesHoldOnlyRealChanges() {
        fixture.given(assigned())
                .when(
                        new ChangeTagsCommand(
                                ID, List.of("printer", "fire", "fire"), List.of("printer", "unknown"), null),
                        ALICE)
                .expectEvents(new TicketTagsChangedEvent(ID, List.of("fire"), List.of("printer")));
    }

    @Test
    void tagChangesThatChangeNothingStoreNothing() {
        fixture.given(assigned())
                .when(new ChangeTagsCommand(ID, List.of("printer"), List.of(), null), ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(4L);
    }

    @Test
    void tagsAreRefusedOnAClosedTicket() {
        expectRefusedIn(TicketStatus.CLOSED, new ChangeTagsCommand(ID, List.of("x"), null, null));
    }

    // ---- escalation

    @Test
    void aSupervisorEscalatesByHand() {
        fixture.given(assigned())
                .when(new EscalateTicketCommand(ID, "customer is a VIP", null), SAM)
                .expectEvents(new TicketEscalatedEvent(ID, 1, EscalationTrigger.MANUAL, null, "customer is a VIP"));
    }

    @Test
    void anAgentMayNotEscalate() {
        fixture.given(assigned())
                .when(new EscalateTicketCommand(ID, "please", null), ALICE)
                .expectNoEvents()
                .expectException(TicketActionForbiddenException.class);
    }

    @Test
    void escalatingByHandNeedsThePermissionInTheCommand() {
        fixture.given(assigned())
                .when(
                        new EscalateTicketCommand(ID, "please", null),
                        Map.of(MetadataKeys.ACTOR, "sam", MetadataKeys.ACTOR_ROLE, "SUPERVISOR"))
                .expectNoEvents()
                .expectException(TicketActionForbiddenException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"},
            mode = INCLUDE)
    void escalationIsRefusedOnceResolved(TicketStatus status) {
        fixture.given(in(status))
                .when(new EscalateTicketCommand(ID, "late", null), SAM)
                .expectNoEvents()
                .expectException(TicketStateConflictException.class);
    }

    // ---- merge

    @Test
    void mergingClosesTheSourceAndCancelsItsClocks() {
        fixture.given(assigned())
                .when(new MergeTicketCommand(ID, "T-2", null), ALICE)
                .expectEvents(
                        new TicketMergedEvent(ID, "T-2"),
                        new SlaClockCancelledEvent(ID, SlaMetric.FIRST_RESPONSE, "merged into T-2"),
                        new SlaClockCancelledEvent(ID, SlaMetric.RESOLUTION, "merged into T-2"))
                .expectState(ticket -> assertThat(ticket).extracting("status").isEqualTo(TicketStatus.CLOSED));
    }

    @Test
    void theTargetOfAMergeGetsAnInternalNote() {
        fixture.given(resolved())
                .when(new NoteMergedTicketCommand(ID, "T-9"), ALICE)
                .expectEvents(new InternalNoteAddedEvent(ID, "Ticket T-9 was merged into this ticket"));
    }

    @Test
    void aClosedTicketCannotBeAMergeTarget() {
        expectRefusedIn(TicketStatus.CLOSED, new NoteMergedTicketCommand(ID, "T-9"));
    }

    @Test
    void aTicketCannotBeMergedIntoItself() {
        expectRefusedIn(TicketStatus.OPEN, new MergeTicketCommand(ID, ID, null));
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"RESOLVED", "CLOSED"},
            mode = INCLUDE)
    void mergeIsRefusedOnceResolved(TicketStatus status) {
        expectRefusedIn(status, new MergeTicketCommand(ID, "T-2", null));
    }

    // ---- SLA warnings and breaches from sla-monitor

    @Test
    void aWarningMarksTheClockAtRiskOnce() {
        TicketFixtures.at(FR_WARN)
                .given(assigned())
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectEvents(new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN));
        List<Object> warned = assigned();
        warned.add(bySystem(new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN)));
        TicketFixtures.at(FR_WARN)
                .given(warned)
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectNoEvents()
                .expectResultMessagePayload(5L);
    }

    /** A warning delivered late (retried after the breach fired) has nothing left to warn of. */
    @Test
    void aWarningThatArrivesAfterTheBreachStoresNothing() {
        List<Object> breached = assigned();
        breached.add(bySystem(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE)));
        breached.add(bySystem(new TicketEscalatedEvent(
                ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "FIRST_RESPONSE was due at " + FR_DUE)));
        TicketFixtures.at(FR_DUE.plusSeconds(1))
                .given(breached)
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectNoEvents()
                .expectResultMessagePayload(6L);
    }

    @Test
    void aWarningForAnotherInstantStoresNothing() {
        fixture.given(assigned())
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN.plusSeconds(1)), SLA_MONITOR)
                .expectNoEvents();
    }

    @Test
    void aWarningBeforeItsInstantIsRefusedAsNotDue() {
        TicketFixtures.at(FR_WARN.minusMillis(1))
                .given(assigned())
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectNoEvents()
                .expectException(SlaNotDueException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("due at " + FR_WARN));
    }

    @Test
    void aBreachIsRecordedAndEscalatesOneLevel() {
        TicketFixtures.at(FR_DUE)
                .given(assigned())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectEvents(
                        new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE),
                        new TicketEscalatedEvent(
                                ID,
                                1,
                                EscalationTrigger.BREACH,
                                SlaMetric.FIRST_RESPONSE,
                                "FIRST_RESPONSE was due at " + FR_DUE))
                .expectResultMessagePayload(6L);
    }

    @Test
    void aBreachBeforeItsDueInstantIsRefusedAsNotDue() {
        fixture.given(assigned()) // at NOW, three hours before FR_DUE
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectNoEvents()
                .expectException(SlaNotDueException.class);
    }

    @Test
    void aBreachOfAMergedTicketStoresNothingEvenBeforeItsInstant() {
        List<Object> merged = assigned();
        merged.add(new TicketMergedEvent(ID, "T-2"));
        merged.add(new SlaClockCancelledEvent(ID, SlaMetric.FIRST_RESPONSE, "merged into T-2"));
        merged.add(new SlaClockCancelledEvent(ID, SlaMetric.RESOLUTION, "merged into T-2"));
        fixture.given(merged)
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(7L);
    }

    @Test
    void aSecondBreachForTheSameDueInstantStoresNothing() {
        List<Object> history = assigned();
        history.add(bySystem(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE)));
        history.add(
                bySystem(new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "late")));
        fixture.given(history)
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectNoEvents()
                .expectResultMessagePayload(6L);
    }

    @Test
    void aBreachOfAPausedOrMetClockStoresNothingEvenBeforeItsInstant() {
        fixture.given(pending())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        TicketFixtures.at(NOW)
                .given(resolved())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.RESOLUTION, RES_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        TicketFixtures.at(RES_DUE.plusSeconds(1))
                .given(resolved())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.RESOLUTION, RES_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- If-Match

    @Test
    void ifMatchIsStaleWhenAPersonChangedTheTicketAfterThatVersion() {
        fixture.given(assigned()) // version 4, the assignment by a person
                .when(new PostReplyCommand(ID, "hi", Visibility.INTERNAL, 3L), BOB)
                .expectNoEvents()
                .expectException(StaleTicketVersionException.class);
    }

    @Test
    void ifMatchIsNotStaleAfterEventsOfTheSlaMonitorAlone() {
        List<Object> history = assigned();
        history.add(bySystem(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE)));
        history.add(
                bySystem(new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "late")));
        fixture.given(history) // version 6, the last person-caused version is 4
                .when(new PostReplyCommand(ID, "hi", Visibility.INTERNAL, 4L), BOB)
                .expectEvents(new InternalNoteAddedEvent(ID, "hi"))
                .expectResultMessagePayload(7L);
    }

    @Test
    void aBreachRecordedThroughTheCommandDoesNotMakeIfMatchStale() {
        TicketFixtures.at(FR_DUE)
                .given(assigned())
                .andGivenCommands(List.of(GenericCommandMessage.asCommandMessage(
                                new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE))
                        .withMetaData(SLA_MONITOR)))
                .when(new ResolveTicketCommand(ID, "done", 4L), ALICE)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theLastPersonCausedVersionIsReadFromTheSequenceNumberOfEachEvent() {
        List<Object> history = assigned();
        history.add(bySystem(new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN)));
        TicketFixtures.at(FR_DUE)
                .given(history)
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(7L)
                .expectState(ticket ->
                        assertThat(ticket).extracting("lastPersonVersion").isEqualTo(4L));
        TicketFixtures.at(NOW)
                .given(history)
                .when(new PostReplyCommand(ID, "note", Visibility.INTERNAL, null), BOB)
                .expectState(ticket ->
                        assertThat(ticket).extracting("lastPersonVersion").isEqualTo(6L));
    }

    @Test
    void ifMatchIsStaleForAVersionTheTicketNeverHad() {
        fixture.given(assigned())
                .when(new CloseTicketCommand(ID, 9L), ALICE)
                .expectNoEvents()
                .expectException(StaleTicketVersionException.class);
    }

    @Test
    void ifMatchTheCurrentVersionIsNeverStale() {
        fixture.given(assigned())
                .when(new MarkTicketPendingCommand(ID, null, 4L), ALICE)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(7L);
    }
}
