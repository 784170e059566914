package dev.supportdesk.ticket.command.ticket;

import static dev.supportdesk.ticket.command.ticket.TicketFixtures.BOB;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.SLA_MONITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationAction;
import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.ChangePriorityCommand;
import dev.supportdesk.contract.commands.OpenTicketCommand;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.SlaTicket;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The escalation ladder and the policy versions on the clock events: what the Ticket aggregate records when a
 * stored policy with a ladder governs its clocks (docs/ticket-command.md, "Escalation ladder").
 */
class TicketEscalationTest {

    private static final String ID = "T-9";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant FR_DUE = T0.plus(Duration.ofHours(1));
    private static final Instant FR_WARN = T0.plus(Duration.ofMinutes(30));
    private static final Instant RES_DUE = T0.plus(Duration.ofHours(8));
    private static final Instant RES_WARN = T0.plus(Duration.ofHours(4));
    private static final long POLICIES_AS_OF = 12;

    /**
     * Policy "vip" version 3 (warn at 50 %) for NORMAL tickets and "vip-high" version 7 for HIGH ones; the
     * ladder is the test's. Remembers the change number each resolution was asked as of.
     */
    static final class LadderPolicies implements SlaPolicies {
        final List<EscalationStep> ladder;
        final List<Long> askedAsOf = new ArrayList<>();

        LadderPolicies(List<EscalationStep> ladder) {
            this.ladder = ladder;
        }

        SlaPolicy vip() {
            return new SlaPolicy(
                    "vip",
                    TwentyFourSevenCalendar.NAME,
                    50,
                    Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1), SlaMetric.RESOLUTION, Duration.ofHours(8)),
                    3,
                    0,
                    ladder,
                    "http://127.0.0.1:9/hook");
        }

        SlaPolicy vipHigh() {
            return new SlaPolicy(
                    "vip-high",
                    TwentyFourSevenCalendar.NAME,
                    50,
                    Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30), SlaMetric.RESOLUTION, Duration.ofHours(4)),
                    7,
                    0,
                    List.of(),
                    null);
        }

        @Override
        public SlaPolicy resolve(Priority priority, CustomerTier tier, Channel channel) {
            return priority == Priority.NORMAL ? vip() : vipHigh();
        }

        @Override
        public SlaPolicy resolve(SlaTicket ticket, Long asOf) {
            askedAsOf.add(asOf);
            return resolve(ticket.priority(), ticket.customerTier(), ticket.channel());
        }

        @Override
        public long currentChange() {
            return POLICIES_AS_OF;
        }

        @Override
        public Optional<SlaPolicy> policy(String name, Long version) {
            if ("vip".equals(name) && Long.valueOf(3).equals(version)) {
                return Optional.of(vip());
            }
            if ("vip-high".equals(name) && Long.valueOf(7).equals(version)) {
                return Optional.of(vipHigh());
            }
            return Optional.empty();
        }

        @Override
        public WorkingCalendar calendar(String name) {
            return new TwentyFourSevenCalendar();
        }
    }

    private static TicketOpenedEvent openedEvent(Priority priority) {
        return new TicketOpenedEvent(
                ID,
                "VPN down",
                "",
                Channel.CHAT,
                priority,
                new Requester("Ann", "ann@example.com", null),
                CustomerTier.PREMIUM,
                List.of());
    }

    private static SlaClockStartedEvent firstResponse() {
        return new SlaClockStartedEvent(
                ID,
                SlaMetric.FIRST_RESPONSE,
                "vip",
                "24x7",
                Duration.ofHours(1),
                FR_DUE,
                FR_WARN,
                3L,
                0L,
                POLICIES_AS_OF);
    }

    private static SlaClockStartedEvent resolution(Instant start) {
        return new SlaClockStartedEvent(
                ID,
                SlaMetric.RESOLUTION,
                "vip",
                "24x7",
                Duration.ofHours(8),
                start.plus(Duration.ofHours(8)),
                start.plus(Duration.ofHours(4)),
                3L,
                0L,
                POLICIES_AS_OF);
    }

    /** Opened NORMAL at T0, assigned to bob. */
    private static List<Object> assigned() {
        return new ArrayList<>(List.of(
                openedEvent(Priority.NORMAL),
                firstResponse(),
                resolution(T0),
                new TicketAssignedEvent(ID, "bob", "tier1")));
    }

    private static EscalationStep step(
            EscalationTrigger at, SlaMetric metric, String group, EscalationAction... actions) {
        return new EscalationStep(at, metric, List.of(actions), group);
    }

    @Test
    void openingRecordsThePolicyAndCalendarVersionsAndTheLastPolicyChangeInForce() {
        TicketFixtures.at(T0, new LadderPolicies(List.of()))
                .givenNoPriorActivity()
                .when(new OpenTicketCommand(
                        ID,
                        "VPN down",
                        "",
                        Channel.CHAT,
                        Priority.NORMAL,
                        new Requester("Ann", "ann@example.com", null),
                        CustomerTier.PREMIUM,
                        List.of()))
                .expectEvents(openedEvent(Priority.NORMAL), firstResponse(), resolution(T0));
    }

    @Test
    void aPriorityChangeReMatchesAmongThePoliciesInForceWhenTheTicketWasOpened() {
        LadderPolicies policies = new LadderPolicies(List.of());
        Instant now = T0.plus(Duration.ofMinutes(10));
        TicketFixtures.at(now, policies)
                .given(assigned())
                .when(new ChangePriorityCommand(ID, Priority.HIGH, "customer is angry", null), BOB)
                .expectEvents(
                        new TicketPriorityChangedEvent(ID, Priority.HIGH, Priority.NORMAL, "customer is angry"),
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.FIRST_RESPONSE,
                                "vip-high",
                                Duration.ofMinutes(30),
                                Duration.ofMinutes(20),
                                now.plus(Duration.ofMinutes(20)),
                                now.plus(Duration.ofMinutes(5)),
                                7L,
                                "24x7",
                                0L),
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                "vip-high",
                                Duration.ofHours(4),
                                Duration.ofMinutes(230),
                                now.plus(Duration.ofMinutes(230)),
                                now.plus(Duration.ofMinutes(110)),
                                7L,
                                "24x7",
                                0L));
        assertThat(policies.askedAsOf).containsOnly(POLICIES_AS_OF);
    }

    @Test
    void aBreachRaisesThePriorityAndReassignsToTheStepsGroupAsOneEscalationStep() {
        LadderPolicies policies = new LadderPolicies(List.of(step(
                EscalationTrigger.BREACH,
                SlaMetric.FIRST_RESPONSE,
                "tier2",
                EscalationAction.RAISE_PRIORITY,
                EscalationAction.REASSIGN_TO_GROUP)));
        TicketFixtures.at(FR_DUE, policies)
                .given(assigned())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectEvents(
                        new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE),
                        new TicketEscalatedEvent(
                                ID,
                                1,
                                EscalationTrigger.BREACH,
                                SlaMetric.FIRST_RESPONSE,
                                "FIRST_RESPONSE was due at " + FR_DUE),
                        new TicketPriorityChangedEvent(
                                ID, Priority.HIGH, Priority.NORMAL, "escalation: FIRST_RESPONSE BREACH"),
                        // the breached clock keeps its breach; both clocks count on under vip-high
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.FIRST_RESPONSE,
                                "vip-high",
                                Duration.ofMinutes(30),
                                Duration.ZERO,
                                FR_DUE,
                                null,
                                7L,
                                "24x7",
                                0L),
                        new SlaClockRetargetedEvent(
                                ID,
                                SlaMetric.RESOLUTION,
                                "vip-high",
                                Duration.ofHours(4),
                                Duration.ofHours(3),
                                FR_DUE.plus(Duration.ofHours(3)),
                                FR_DUE.plus(Duration.ofHours(1)),
                                7L,
                                "24x7",
                                0L),
                        new TicketAssignedEvent(ID, null, "tier2", true));
    }

    @Test
    void aBreachWithoutStepsStillCountsAsOneEscalationStep() {
        TicketFixtures.at(
                        RES_DUE,
                        new LadderPolicies(List.of(step(
                                EscalationTrigger.BREACH,
                                SlaMetric.FIRST_RESPONSE,
                                null,
                                EscalationAction.RAISE_PRIORITY))))
                .given(assigned())
                .when(new RecordSlaBreachCommand(ID, SlaMetric.RESOLUTION, RES_DUE), SLA_MONITOR)
                .expectEvents(
                        new SlaClockBreachedEvent(ID, SlaMetric.RESOLUTION, RES_DUE),
                        new TicketEscalatedEvent(
                                ID,
                                1,
                                EscalationTrigger.BREACH,
                                SlaMetric.RESOLUTION,
                                "RESOLUTION was due at " + RES_DUE));
    }

    @Test
    void aWarningStepNotifiesTheSupervisorsOfTheTicketsGroup() {
        List<Object> inTier2 = assigned();
        inTier2.add(new TicketAssignedEvent(ID, null, "tier2"));
        TicketFixtures.at(
                        FR_WARN,
                        new LadderPolicies(List.of(
                                step(EscalationTrigger.WARNING, null, null, EscalationAction.NOTIFY_SUPERVISOR))))
                .given(inTier2)
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectEvents(
                        new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN),
                        new TicketEscalatedEvent(
                                ID,
                                1,
                                EscalationTrigger.WARNING,
                                SlaMetric.FIRST_RESPONSE,
                                "FIRST_RESPONSE at risk: due at " + FR_DUE),
                        new SupervisorNotificationRequestedEvent(
                                ID,
                                ID + ":FIRST_RESPONSE:WARNING:1",
                                SlaMetric.FIRST_RESPONSE,
                                EscalationTrigger.WARNING,
                                "tier2",
                                List.of("sam"),
                                "http://127.0.0.1:9/hook"));
    }

    @Test
    void aWarningWithoutActionsIsNoEscalationStep() {
        TicketFixtures.at(
                        FR_WARN,
                        new LadderPolicies(
                                List.of(new EscalationStep(EscalationTrigger.WARNING, null, List.of(), null))))
                .given(assigned())
                .when(new RecordSlaWarningCommand(ID, SlaMetric.FIRST_RESPONSE, FR_WARN), SLA_MONITOR)
                .expectEvents(new SlaClockAtRiskEvent(ID, SlaMetric.FIRST_RESPONSE, FR_WARN));
    }

    @Test
    void anUrgentTicketStaysUrgentWhenTheLadderRaisesItsPriority() {
        LadderPolicies policies = new LadderPolicies(
                List.of(step(EscalationTrigger.BREACH, null, null, EscalationAction.RAISE_PRIORITY)));
        List<Object> urgent = new ArrayList<>(List.of(openedEvent(Priority.URGENT), firstResponse(), resolution(T0)));
        TicketFixtures.at(FR_DUE, policies)
                .given(urgent)
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectEvents(
                        new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE),
                        new TicketEscalatedEvent(
                                ID,
                                1,
                                EscalationTrigger.BREACH,
                                SlaMetric.FIRST_RESPONSE,
                                "FIRST_RESPONSE was due at " + FR_DUE));
    }

    @Test
    void aReopenedTicketsNewResolutionClockEscalatesAgainAsItsSecondRun() {
        Instant reopenedAt = RES_DUE.plus(Duration.ofHours(1));
        List<Object> history = assigned();
        history.add(new SlaClockAtRiskEvent(ID, SlaMetric.RESOLUTION, RES_WARN));
        history.add(new TicketEscalatedEvent(ID, 1, EscalationTrigger.WARNING, SlaMetric.RESOLUTION, "at risk"));
        history.add(new TicketResolvedEvent(ID, "fixed"));
        history.add(new SlaClockMetEvent(ID, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(10)));
        history.add(new SlaClockMetEvent(ID, SlaMetric.RESOLUTION, Duration.ofHours(5)));
        history.add(new TicketReopenedEvent(ID, "not fixed"));
        history.add(resolution(reopenedAt));
        Instant warnAgain = reopenedAt.plus(Duration.ofHours(4));
        TicketFixtures.at(
                        warnAgain,
                        new LadderPolicies(List.of(step(
                                EscalationTrigger.WARNING,
                                SlaMetric.RESOLUTION,
                                null,
                                EscalationAction.NOTIFY_SUPERVISOR))))
                .given(history)
                .when(new RecordSlaWarningCommand(ID, SlaMetric.RESOLUTION, warnAgain), SLA_MONITOR)
                .expectEvents(
                        new SlaClockAtRiskEvent(ID, SlaMetric.RESOLUTION, warnAgain),
                        new TicketEscalatedEvent(
                                ID,
                                2,
                                EscalationTrigger.WARNING,
                                SlaMetric.RESOLUTION,
                                "RESOLUTION at risk: due at " + reopenedAt.plus(Duration.ofHours(8))),
                        new SupervisorNotificationRequestedEvent(
                                ID,
                                ID + ":RESOLUTION:WARNING:2",
                                SlaMetric.RESOLUTION,
                                EscalationTrigger.WARNING,
                                "tier1",
                                List.of(),
                                "http://127.0.0.1:9/hook"));
    }

    @Test
    void aStepFiresOncePerClockRun() {
        LadderPolicies policies = new LadderPolicies(
                List.of(step(EscalationTrigger.BREACH, null, "tier2", EscalationAction.REASSIGN_TO_GROUP)));
        List<Object> breached = assigned();
        breached.add(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE));
        breached.add(new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "due"));
        breached.add(new TicketAssignedEvent(ID, null, "tier2", true));
        TicketFixtures.at(FR_DUE, policies)
                .given(breached)
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectNoEvents();
    }
}
