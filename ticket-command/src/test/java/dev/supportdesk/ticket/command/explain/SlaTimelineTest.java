package dev.supportdesk.ticket.command.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.ticket.command.explain.SlaTimeline.Clock;
import dev.supportdesk.ticket.command.explain.SlaTimeline.Entry;
import dev.supportdesk.ticket.command.explain.SlaTimeline.Fact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explanation of a ticket's clocks, built from its events alone. */
class SlaTimelineTest {

    private static final String ID = "T-5";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final SlaTimeline timeline = new SlaTimeline((name, version) -> new TwentyFourSevenCalendar());
    private final List<Fact> facts = new ArrayList<>();

    private void at(long minutes, Object event) {
        facts.add(new Fact(facts.size() + 1, T0.plus(Duration.ofMinutes(minutes)), "bob", event));
    }

    private static SlaClockStartedEvent started(SlaMetric metric, Instant from, Duration target) {
        return new SlaClockStartedEvent(
                ID, metric, "vip", "24x7", target, from.plus(target), from.plus(target.dividedBy(2)), 3L, 0L, 9L);
    }

    @Test
    void aPauseSaysWhyAndKeepsTheTimeUsedAndLeft() {
        at(0, started(SlaMetric.FIRST_RESPONSE, T0, Duration.ofHours(1)));
        at(20, new TicketMarkedPendingEvent(ID, "waiting for logs"));
        at(20, new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(40)));
        at(100, new TicketResumedEvent(ID, "logs arrived"));
        at(100, new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(140)), null));

        Clock clock = timeline.explain(facts).get(0);
        assertThat(clock.state()).isEqualTo("RUNNING");
        assertThat(clock.policyVersion()).isEqualTo(3L);
        assertThat(clock.timeline()).extracting(Entry::kind).containsExactly("STARTED", "PAUSED", "RESUMED");
        Entry paused = clock.timeline().get(1);
        assertThat(paused.used()).isEqualTo(Duration.ofMinutes(20));
        assertThat(paused.left()).isEqualTo(Duration.ofMinutes(40));
        assertThat(paused.why()).contains("waiting for logs");
        Entry resumed = clock.timeline().get(2);
        assertThat(resumed.left()).isEqualTo(Duration.ofMinutes(40));
        assertThat(resumed.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(140)));
        assertThat(resumed.why()).contains("logs arrived");
    }

    @Test
    void aBreachAfterARetargetNamesTheNewPolicyVersionAndTheWarningTheTimeLeft() {
        at(0, started(SlaMetric.FIRST_RESPONSE, T0, Duration.ofHours(1)));
        at(10, new TicketPriorityChangedEvent(ID, Priority.HIGH, Priority.NORMAL, "angry"));
        at(
                10,
                new SlaClockRetargetedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "vip-high",
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(20),
                        T0.plus(Duration.ofMinutes(30)),
                        T0.plus(Duration.ofMinutes(25)),
                        7L,
                        "24x7",
                        0L));
        at(25, new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(25))));
        at(30, new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(30))));
        at(45, new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(45)));

        Clock clock = timeline.explain(facts).get(0);
        assertThat(clock.state()).isEqualTo("MET");
        assertThat(clock.breached()).isTrue();
        assertThat(clock.atRisk()).isTrue();
        assertThat(clock.timeline())
                .extracting(Entry::kind)
                .containsExactly("STARTED", "RETARGETED", "WARNING", "BREACHED", "MET");
        Entry retargeted = clock.timeline().get(1);
        assertThat(retargeted.policy()).isEqualTo("vip-high");
        assertThat(retargeted.policyVersion()).isEqualTo(7L);
        assertThat(retargeted.used()).isEqualTo(Duration.ofMinutes(10));
        assertThat(retargeted.why()).contains("from NORMAL to HIGH");
        assertThat(clock.timeline().get(2).left()).isEqualTo(Duration.ofMinutes(5));
        assertThat(clock.timeline().get(3).left()).isEqualTo(Duration.ZERO);
        assertThat(clock.timeline().get(4).why()).contains("after its breach");
    }

    @Test
    void aReopenedTicketsResolutionClockIsASecondRun() {
        at(0, started(SlaMetric.RESOLUTION, T0, Duration.ofHours(8)));
        at(60, new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(1)));
        at(120, new TicketReopenedEvent(ID, "still broken"));
        at(120, started(SlaMetric.RESOLUTION, T0.plus(Duration.ofHours(2)), Duration.ofHours(8)));

        List<Clock> clocks = timeline.explain(facts);
        assertThat(clocks).extracting(Clock::run).containsExactly(1, 2);
        assertThat(clocks).extracting(Clock::state).containsExactly("MET", "RUNNING");
        assertThat(clocks.get(1).timeline().get(0).why()).contains("reopened (still broken)");
    }
}
