package dev.supportdesk.ticket.query.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.model.sla.BusinessCalendar;
import dev.supportdesk.model.sla.CalendarDefinition;
import dev.supportdesk.model.sla.ListedSlaPolicies;
import dev.supportdesk.model.sla.ListedSlaPolicies.MatchedPolicy;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.WorkingCalendar;
import dev.supportdesk.ticket.query.report.SlaStepKind;
import dev.supportdesk.ticket.query.whatif.TicketTimeline.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked replays. Friday 2026-11-27 and Monday 2026-11-30; the office calendar is open Monday to Friday
 * 09:00-17:00 UTC. Minutes are working minutes as the report counts them.
 */
class SlaReplayTest {

    private static final Instant LATER = Instant.parse("2027-06-01T00:00:00Z");
    private static final WorkingCalendar OFFICE = new BusinessCalendar(CalendarDefinition.parse(
            "office",
            "UTC",
            Map.of(
                    "MONDAY", List.of("09:00-17:00"),
                    "TUESDAY", List.of("09:00-17:00"),
                    "WEDNESDAY", List.of("09:00-17:00"),
                    "THURSDAY", List.of("09:00-17:00"),
                    "FRIDAY", List.of("09:00-17:00")),
            List.of()));

    @Test
    void aReplyWithinTheTargetMeetsBothClocks() {
        Outcomes outcomes = replay(
                policies(policy("all", null, "24x7", "PT1H", "PT8H")),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T09:30:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T15:00:00Z"));

        assertThat(outcomes).isEqualTo(new Outcomes("MET", minutes("30"), "MET", minutes("360"), "all"));
    }

    @Test
    void aTighterTargetMakesTheMetReplyABreach() {
        Outcomes outcomes = replay(
                policies(policy("tight", null, "24x7", "PT15M", "PT8H")),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T09:30:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T15:00:00Z"));

        // due 09:15, still running then: breached; the reply stops it after 30 minutes all the same
        assertThat(outcomes.firstResponse()).isEqualTo("BREACHED");
        assertThat(outcomes.firstResponseMinutes()).isEqualTo(minutes("30"));
        assertThat(outcomes.resolution()).isEqualTo("MET");
    }

    @Test
    void pendingPausesTheClocksUntilTheTicketResumes() {
        Outcomes outcomes = replay(
                policies(policy("all", null, "24x7", "PT1H", "PT8H")),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PENDING, "2026-11-30T09:20:00Z")
                        .then(SlaStepKind.RESUMED, "2026-11-30T12:00:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T12:30:00Z"));

        // 20 minutes before the pause, 30 after it: due 12:40, met at 12:30. The resolution, never resolved, ran
        // past its due instant (19:40, the pause included) long before LATER.
        assertThat(outcomes).isEqualTo(new Outcomes("MET", minutes("50"), "BREACHED", null, "all"));
    }

    @Test
    void aBusinessCalendarTurnsTheWeekendBreachIntoAMetTarget() {
        Timeline weekend =
                ticket(Priority.NORMAL, "2026-11-27T16:00:00Z").then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T09:30:00Z");

        Outcomes roundTheClock = replay(policies(policy("all", null, "24x7", "PT2H", "PT40H")), weekend);
        Outcomes office = replay(policies(policy("all", null, "office", "PT2H", "PT40H")), weekend);

        // 24x7: due Friday 18:00, answered on Monday after 65.5 hours
        assertThat(roundTheClock.firstResponse()).isEqualTo("BREACHED");
        assertThat(roundTheClock.firstResponseMinutes()).isEqualTo(minutes("3930"));
        // office hours: Friday 16:00-17:00 and Monday 09:00-09:30 are 90 working minutes of 120
        assertThat(office.firstResponse()).isEqualTo("MET");
        assertThat(office.firstResponseMinutes()).isEqualTo(minutes("90"));
    }

    @Test
    void aPriorityChangeRetargetsUnderThePolicyThatMatchesTheNewPriority() {
        ListedSlaPolicies policies = policies(
                policy("low", match(Priority.LOW), "24x7", "PT4H", "PT24H"),
                policy("urgent", match(Priority.URGENT), "24x7", "PT1H", "PT4H"));

        Outcomes raised = replay(
                policies,
                ticket(Priority.LOW, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PRIORITY_CHANGED, "2026-11-30T09:30:00Z", Priority.URGENT)
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T10:30:00Z"));
        Outcomes kept = replay(
                policies,
                ticket(Priority.LOW, "2026-11-30T09:00:00Z").then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T10:30:00Z"));

        // 30 minutes used of the new hour: due 10:00, answered 10:30
        assertThat(raised.firstResponse()).isEqualTo("BREACHED");
        assertThat(raised.policy()).isEqualTo("low");
        assertThat(kept.firstResponse()).isEqualTo("MET");
        assertThat(kept.firstResponseMinutes()).isEqualTo(minutes("90"));
    }

    @Test
    void aReopenedTicketsResolutionRestartsAndItsBreachSticks() {
        Outcomes outcomes = replay(
                policies(policy("all", null, "24x7", "PT1H", "PT2H")),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T09:10:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T10:00:00Z")
                        .then(SlaStepKind.REOPENED, "2026-11-30T12:00:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T15:00:00Z")
                        .then(SlaStepKind.REOPENED, "2026-11-30T16:00:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T16:30:00Z"));

        // first run met in 60; the second (due 14:00) breached; the third met in 30, which is the last stop
        assertThat(outcomes).isEqualTo(new Outcomes("MET", minutes("10"), "BREACHED", minutes("30"), "all"));
    }

    @Test
    void aMergedTicketMeasuresNothingMore() {
        Outcomes outcomes = replay(
                policies(policy("all", null, "24x7", "PT1H", "PT2H")),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z").then(SlaStepKind.MERGED, "2026-11-30T09:30:00Z"));

        assertThat(outcomes).isEqualTo(new Outcomes(null, null, null, null, "all"));
    }

    @Test
    void aRunningClockBreachesOnlyOnceItsDueInstantHasPassed() {
        ListedSlaPolicies policies = policies(policy("all", null, "24x7", "PT1H", "PT8H"));
        Timeline unanswered = ticket(Priority.NORMAL, "2026-11-30T09:00:00Z");

        assertThat(SlaReplay.replay(unanswered.build(), policies, Instant.parse("2026-11-30T09:59:00Z")))
                .isEqualTo(new Outcomes(null, null, null, null, "all"));
        assertThat(SlaReplay.replay(unanswered.build(), policies, Instant.parse("2026-11-30T10:01:00Z")))
                .isEqualTo(new Outcomes("BREACHED", null, null, null, "all"));
    }

    @Test
    void aTicketNoPolicyMatchesRunsNoClock() {
        Outcomes outcomes = replay(
                policies(policy("high-only", match(Priority.HIGH), "24x7", "PT1M", "PT1M")),
                ticket(Priority.LOW, "2026-11-30T09:00:00Z").then(SlaStepKind.RESOLVED, "2026-11-30T19:00:00Z"));

        assertThat(outcomes).isEqualTo(new Outcomes(null, null, null, null, ListedSlaPolicies.UNMATCHED));
    }

    @Test
    void aCustomerMessageAfterTheAnswerStartsNextResponseWithoutTouchingTheReportedOutcomes() {
        Outcomes outcomes = replay(
                policies(new MatchedPolicy(
                        null,
                        new SlaPolicy(
                                "all",
                                "24x7",
                                80,
                                Map.of(
                                        SlaMetric.FIRST_RESPONSE, Duration.ofHours(1),
                                        SlaMetric.NEXT_RESPONSE, Duration.ofMinutes(5),
                                        SlaMetric.RESOLUTION, Duration.ofHours(8))))),
                ticket(Priority.NORMAL, "2026-11-30T09:00:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T09:10:00Z")
                        .then(SlaStepKind.CUSTOMER_MESSAGE, "2026-11-30T09:20:00Z")
                        .then(SlaStepKind.PUBLIC_REPLY, "2026-11-30T10:00:00Z")
                        .then(SlaStepKind.RESOLVED, "2026-11-30T11:00:00Z"));

        assertThat(outcomes).isEqualTo(new Outcomes("MET", minutes("10"), "MET", minutes("120"), "all"));
    }

    // ---- building histories and policies

    private static Outcomes replay(ListedSlaPolicies policies, Timeline timeline) {
        return SlaReplay.replay(timeline.build(), policies, LATER);
    }

    private static ListedSlaPolicies policies(MatchedPolicy... policies) {
        return new ListedSlaPolicies(List.of(policies), Map.of("office", OFFICE));
    }

    private static MatchedPolicy policy(
            String name, SlaPolicyMatch match, String calendar, String firstResponse, String resolution) {
        return new MatchedPolicy(
                match,
                new SlaPolicy(
                        name,
                        calendar,
                        80,
                        Map.of(
                                SlaMetric.FIRST_RESPONSE,
                                Duration.parse(firstResponse),
                                SlaMetric.RESOLUTION,
                                Duration.parse(resolution))));
    }

    private static SlaPolicyMatch match(Priority priority) {
        return new SlaPolicyMatch(priority, null, null);
    }

    private static BigDecimal minutes(String value) {
        return new BigDecimal(value).setScale(4);
    }

    private static Timeline ticket(Priority priority, String openedAt) {
        return new Timeline().then(SlaStepKind.OPENED, openedAt, priority);
    }

    private static final class Timeline {
        private final List<Step> steps = new ArrayList<>();

        Timeline then(SlaStepKind kind, String at) {
            return then(kind, at, null);
        }

        Timeline then(SlaStepKind kind, String at, Priority priority) {
            steps.add(new Step(steps.size() + 1, Instant.parse(at), kind, priority));
            return this;
        }

        TicketTimeline build() {
            return new TicketTimeline("T-1", null, Channel.EMAIL, CustomerTier.STANDARD, null, List.copyOf(steps));
        }
    }
}
