package dev.supportdesk.model.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.contract.events.TicketTagsChangedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketViewEventsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DUE = T0.plus(Duration.ofHours(1));

    private TicketView view;
    private long version;

    private void given(Object event, String actor) {
        version++;
        view = TicketViewEvents.apply(
                Optional.ofNullable(view), event, version, T0.plus(Duration.ofMinutes(version)), actor);
    }

    private void opened() {
        given(
                new TicketOpenedEvent(
                        "T-1",
                        "Printer",
                        "It smokes",
                        Channel.PHONE,
                        Priority.HIGH,
                        new Requester("Carla", null, null),
                        CustomerTier.PREMIUM,
                        List.of("hardware")),
                "alice");
    }

    @Test
    void buildsStatusAssigneePriorityTagsAndConversationFromTheEvents() {
        opened();
        given(new TicketAssignedEvent("T-1", "alice", "tier1"), "alice");
        given(new PublicReplyPostedEvent("T-1", "On my way"), "alice");
        given(new InternalNoteAddedEvent("T-1", "Toner?"), "bob");
        given(new CustomerMessageReceivedEvent("T-1", "Still smoking"), "alice");
        given(new TicketPriorityChangedEvent("T-1", Priority.URGENT, Priority.HIGH, null), "alice");
        given(new TicketTagsChangedEvent("T-1", List.of("fire"), List.of("hardware")), "alice");
        given(new TicketResolvedEvent("T-1", "Replaced"), "alice");

        assertThat(view.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(view.assignee()).isEqualTo("alice");
        assertThat(view.group()).isEqualTo("tier1");
        assertThat(view.priority()).isEqualTo(Priority.URGENT);
        assertThat(view.tags()).containsExactly("fire");
        assertThat(view.resolution()).isEqualTo("Replaced");
        assertThat(view.version()).isEqualTo(8);
        assertThat(view.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(view.addedEntries())
                .extracting(ConversationEntry::kind, ConversationEntry::author, ConversationEntry::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ConversationKind.PUBLIC_REPLY, "alice", 3L),
                        org.assertj.core.groups.Tuple.tuple(ConversationKind.INTERNAL_NOTE, "bob", 4L),
                        org.assertj.core.groups.Tuple.tuple(ConversationKind.CUSTOMER_MESSAGE, "Carla", 5L));
    }

    @Test
    void followsTheSlaClocksThroughPauseRiskBreachAndMet() {
        opened();
        given(
                new SlaClockStartedEvent(
                        "T-1",
                        SlaMetric.RESOLUTION,
                        "premium",
                        "24x7",
                        Duration.ofHours(1),
                        DUE,
                        DUE.minusSeconds(600)),
                "system");
        assertThat(view.slaState()).isEqualTo(SlaState.ON_TRACK);
        assertThat(view.dueAt(SlaMetric.RESOLUTION)).isEqualTo(DUE);
        assertThat(view.slaPolicy()).isEqualTo("premium");

        given(new TicketMarkedPendingEvent("T-1", null), "alice");
        given(new SlaClockPausedEvent("T-1", SlaMetric.RESOLUTION, Duration.ofMinutes(50)), "alice");
        assertThat(view.slaState()).isEqualTo(SlaState.PAUSED);
        assertThat(view.dueAt(SlaMetric.RESOLUTION)).isNull();

        given(new TicketResumedEvent("T-1", null), "alice");
        given(new SlaClockResumedEvent("T-1", SlaMetric.RESOLUTION, DUE.plusSeconds(60), DUE), "alice");
        given(new SlaClockAtRiskEvent("T-1", SlaMetric.RESOLUTION, DUE), "system");
        assertThat(view.slaState()).isEqualTo(SlaState.AT_RISK);

        given(new SlaClockBreachedEvent("T-1", SlaMetric.RESOLUTION, DUE.plusSeconds(60)), "system");
        given(new TicketEscalatedEvent("T-1", 1, EscalationTrigger.BREACH, SlaMetric.RESOLUTION, null), "system");
        given(new SlaClockMetEvent("T-1", SlaMetric.RESOLUTION, Duration.ofHours(2)), "alice");

        assertThat(view.slaState()).isEqualTo(SlaState.BREACHED);
        assertThat(view.escalationLevel()).isEqualTo(1);
        assertThat(view.clocks().get(SlaMetric.RESOLUTION).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void anEventTypeItDoesNotKnowOnlyMovesTheVersion() {
        opened();
        TicketStatus before = view.status();
        given(new Object(), "alice");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.status()).isEqualTo(before);
    }

    @Test
    void aVersionTheViewHasIsIgnored() {
        opened();
        given(new TicketAssignedEvent("T-1", "alice", null), "alice");
        TicketView again = TicketViewEvents.apply(
                Optional.of(view), new TicketAssignedEvent("T-1", "bob", null), 2, T0.plusSeconds(3600), "bob");
        assertThat(again.assignee()).isEqualTo("alice");
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void aStreamMustBeginWithItsOpening() {
        assertThatThrownBy(() -> TicketViewEvents.apply(
                        Optional.empty(), new TicketAssignedEvent("T-1", "alice", null), 1, T0, "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
