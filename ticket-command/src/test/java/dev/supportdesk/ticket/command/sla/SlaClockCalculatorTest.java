package dev.supportdesk.ticket.command.sla;

import static dev.supportdesk.ticket.command.ticket.TicketFixtures.documentedCalculator;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.firstResponseStarted;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.resolutionStarted;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.retargetedToHighAfterOneHour;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.model.sla.SlaClock;
import dev.supportdesk.model.sla.SlaClockCalculator;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.SlaTicket;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clock arithmetic on its own: plain values in, clock facts out. */
class SlaClockCalculatorTest {

    private static final String ID = "T-1";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final SlaTicket NORMAL = new SlaTicket(Priority.NORMAL, CustomerTier.STANDARD, Channel.EMAIL);
    private static final SlaTicket HIGH = new SlaTicket(Priority.HIGH, CustomerTier.STANDARD, Channel.EMAIL);

    private final SlaClockCalculator calculator = documentedCalculator();

    /** NORMAL, started at T0: first response 4 h (warning at 80 %: 3 h 12 min). */
    private static SlaClock firstResponseStartedAtT0() {
        return SlaClock.started(firstResponseStarted(ID, T0));
    }

    private static SlaClock resolutionStartedAtT0() {
        return SlaClock.started(resolutionStarted(ID, T0));
    }

    @Test
    void aNewTicketStartsFirstResponseAndResolutionWithTheirDueAndWarningInstants() {
        assertThat(calculator.opened(ID, NORMAL, NOW))
                .containsExactly(firstResponseStarted(ID, NOW), resolutionStarted(ID, NOW));
    }

    @Test
    void nextResponseNeverStartsWithANewTicketAndOnlyWhereThePolicyHasATarget() {
        SlaClockCalculator withNextResponse = new SlaClockCalculator(
                SlaSettings.policies(Map.of("support.sla.default-policy.targets.NORMAL.next-response", "PT2H")));

        assertThat(withNextResponse.opened(ID, NORMAL, NOW))
                .extracting(SlaClockStartedEvent::metric)
                .containsExactly(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION);
        assertThat(withNextResponse.start(ID, SlaMetric.NEXT_RESPONSE, NORMAL, NOW))
                .contains(new SlaClockStartedEvent(
                        ID,
                        SlaMetric.NEXT_RESPONSE,
                        "default",
                        "24x7",
                        Duration.ofHours(2),
                        NOW.plus(Duration.ofHours(2)),
                        NOW.plus(Duration.ofMinutes(96)),
                        0L,
                        0L,
                        null));
        assertThat(calculator.start(ID, SlaMetric.NEXT_RESPONSE, NORMAL, NOW)).isEmpty();
    }

    @Test
    void aMetClockReportsTheWorkingTimeItUsedRunningPausedOrOverdue() {
        assertThat(calculator.met(ID, firstResponseStartedAtT0(), NOW))
                .isEqualTo(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)));
        assertThat(calculator.met(
                        ID, firstResponseStartedAtT0().paused(Duration.ofMinutes(150)), NOW.plus(Duration.ofDays(3))))
                .isEqualTo(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(90)));
        assertThat(calculator.met(ID, firstResponseStartedAtT0(), T0.plus(Duration.ofHours(5))))
                .isEqualTo(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofHours(5)));
    }

    @Test
    void pausingKeepsTheRemainingTimeOfRunningClocksAndNeverLessThanNone() {
        SlaClock overdue = SlaClock.started(new SlaClockStartedEvent(
                ID,
                SlaMetric.FIRST_RESPONSE,
                "default",
                "24x7",
                Duration.ofMinutes(30),
                T0.plus(Duration.ofMinutes(30)),
                T0.plus(Duration.ofMinutes(24)),
                0L,
                0L,
                0L));
        assertThat(calculator.paused(ID, List.of(overdue, resolutionStartedAtT0()), NOW))
                .containsExactly(
                        new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ZERO),
                        new SlaClockPausedEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(23)));
        assertThat(calculator.paused(ID, List.of(firstResponseStartedAtT0().paused(Duration.ofHours(3))), NOW))
                .isEmpty();
    }

    @Test
    void resumingRunsPausedClocksFromNowWithTheWarningWhereTheShareOfTheTargetWillBeUsed() {
        SlaClock paused = firstResponseStartedAtT0().paused(Duration.ofHours(3)); // 1 h of 4 h used
        List<SlaClockResumedEvent> resumed =
                calculator.resumed(ID, List.of(paused, resolutionStartedAtT0()), NORMAL, NOW);
        // the warning comes after 3 h 12 min of working time: 2 h 12 min from now
        assertThat(resumed)
                .containsExactly(new SlaClockResumedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        NOW.plus(Duration.ofHours(3)),
                        NOW.plus(Duration.ofMinutes(132))));
    }

    @Test
    void aResumedClockHasNoWarningOnceItWasRecordedOrItsPointHasPassed() {
        SlaClock warned = firstResponseStartedAtT0().warnedNow().paused(Duration.ofHours(3));
        SlaClock pastTheWarningPoint = firstResponseStartedAtT0().paused(Duration.ofMinutes(30));
        assertThat(calculator.resumed(ID, List.of(warned), NORMAL, NOW))
                .containsExactly(
                        new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, NOW.plus(Duration.ofHours(3)), null));
        assertThat(calculator.resumed(ID, List.of(pastTheWarningPoint), NORMAL, NOW))
                .containsExactly(
                        new SlaClockResumedEvent(ID, SlaMetric.FIRST_RESPONSE, NOW.plus(Duration.ofMinutes(30)), null));
    }

    @Test
    void aPriorityChangeRetargetsRunningClocksKeepingTheTimeAlreadyUsed() {
        // 1 h used; HIGH: 1 h / 8 h. First response is due now and past its warning point; resolution in 7 h.
        assertThat(calculator.retargeted(ID, List.of(firstResponseStartedAtT0(), resolutionStartedAtT0()), HIGH, NOW))
                .containsExactlyElementsOf(retargetedToHighAfterOneHour(ID, NOW));
    }

    @Test
    void aPausedClockIsRetargetedWithoutInstantsAndAnUnchangedTargetNotAtAll() {
        SlaClock paused = firstResponseStartedAtT0().paused(Duration.ofHours(3));
        SlaTicket low = new SlaTicket(Priority.LOW, CustomerTier.STANDARD, Channel.EMAIL);
        assertThat(calculator.retargeted(ID, List.of(paused), low, NOW))
                .containsExactly(new SlaClockRetargetedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "default",
                        Duration.ofHours(8),
                        Duration.ofHours(7),
                        null,
                        null,
                        0L,
                        "24x7",
                        0L));
        assertThat(calculator.retargeted(ID, List.of(paused, resolutionStartedAtT0()), NORMAL, NOW))
                .isEmpty();
    }

    @Test
    void timesAreCountedInTheClocksWorkingCalendar() {
        // a calendar in which only every second minute is working time
        WorkingCalendar halfTime = new WorkingCalendar() {
            @Override
            public String name() {
                return "half-time";
            }

            @Override
            public Instant plus(Instant start, Duration workingTime) {
                return start.plus(workingTime.multipliedBy(2));
            }

            @Override
            public Duration between(Instant from, Instant to) {
                return Duration.between(from, to).dividedBy(2);
            }
        };
        SlaPolicy policy =
                new SlaPolicy("business", "half-time", 50, Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofHours(2)));
        SlaClockCalculator business = new SlaClockCalculator(new SlaPolicies() {
            @Override
            public SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel) {
                return policy;
            }

            @Override
            public WorkingCalendar calendar(String name) {
                return halfTime;
            }
        });

        SlaClockStartedEvent started = business.opened(ID, NORMAL, T0).get(0);
        assertThat(started)
                .isEqualTo(new SlaClockStartedEvent(
                        ID,
                        SlaMetric.FIRST_RESPONSE,
                        "business",
                        "half-time",
                        Duration.ofHours(2),
                        T0.plus(Duration.ofHours(4)),
                        T0.plus(Duration.ofHours(2)),
                        0L,
                        0L,
                        0L));
        SlaClock clock = SlaClock.started(started);
        // one wall-clock hour later, half an hour of working time is used
        assertThat(business.paused(ID, List.of(clock), T0.plus(Duration.ofHours(1))))
                .containsExactly(new SlaClockPausedEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(90)));
        assertThat(business.resumed(ID, List.of(clock.paused(Duration.ofMinutes(90))), NORMAL, NOW))
                .containsExactly(new SlaClockResumedEvent(
                        ID, SlaMetric.FIRST_RESPONSE, NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void aClockTellsWhetherAReportedWarningOrBreachStillApplies() {
        SlaClock running = firstResponseStartedAtT0();
        Instant dueAt = T0.plus(Duration.ofHours(4));
        Instant warnAt = T0.plus(Duration.ofMinutes(192));
        assertThat(running.isDueAt(dueAt)).isTrue();
        assertThat(running.isDueAt(dueAt.plusSeconds(1))).isFalse();
        assertThat(running.breachedNow().isDueAt(dueAt)).isFalse();
        assertThat(running.paused(Duration.ofHours(1)).isDueAt(dueAt)).isFalse();
        assertThat(running.warnsAt(warnAt)).isTrue();
        assertThat(running.warnedNow().warnsAt(warnAt)).isFalse();
        assertThat(running.warnsAt(null)).isFalse();
    }
}
