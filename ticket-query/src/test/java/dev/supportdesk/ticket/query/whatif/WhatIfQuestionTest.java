package dev.supportdesk.ticket.query.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.contract.Priority;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.CalendarBody;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.MatchBody;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.PolicyBody;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.TargetsBody;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfQuestionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TargetsBody TARGETS = new TargetsBody(Duration.ofHours(1), null, Duration.ofHours(8));

    @Test
    void defaultsToTheLastThirtyDaysGroupedByPriority() {
        WhatIfQuestion question = WhatIfQuestion.of(body(List.of(policy("p", TARGETS, null)), null, null, null), NOW);

        assertThat(question.from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(question.to()).isEqualTo(NOW);
        assertThat(question.groupBy()).isEqualTo("priority");
        assertThat(question.policyNames()).containsExactly("p");
    }

    @Test
    void namesEveryFieldAtFault() {
        List<PolicyBody> policies = List.of(
                new PolicyBody(
                        "bad name!",
                        new MatchBody(Priority.HIGH, null, null),
                        new TargetsBody(Duration.ZERO, Duration.ofHours(-1), null),
                        0,
                        "nowhere"),
                policy("dup", TARGETS, null),
                policy("dup", null, null));
        WhatIfBody body = new WhatIfBody(
                policies,
                List.of(new CalendarBody("office", "Mars/Olympus", Map.of("MONDAY", List.of("09:00-17:00")), null)),
                "2026-11-30T00:00:00Z",
                "2026-11-01T00:00:00Z",
                "status");

        assertThat(fields(body))
                .containsExactlyInAnyOrder(
                        "groupBy",
                        "from",
                        "calendars[0].timeZone",
                        "policies[0].name",
                        "policies[0].targets.firstResponse",
                        "policies[0].targets.nextResponse",
                        "policies[0].targets.resolution",
                        "policies[0].warnAtPercent",
                        "policies[0].calendar",
                        "policies[2].name",
                        "policies[2].targets");
    }

    @Test
    void refusesNoPoliciesBadInstantsTooLongAWindowAndTheBuiltInCalendar() {
        assertThat(fields(body(List.of(), null, null, null))).containsExactly("policies");
        assertThat(fields(body(null, null, null, null))).containsExactly("policies");
        assertThat(fields(body(List.of(policy("p", TARGETS, null)), "yesterday", "2026-11-01", null)))
                .containsExactly("from", "to");
        assertThat(fields(body(List.of(policy("p", TARGETS, null)), "2016-01-01T00:00:00Z", null, null)))
                .containsExactly("to");
        assertThat(fields(body(
                        List.of(policy("p", TARGETS, null)),
                        "-999999999-01-01T00:00:00Z",
                        "+999999999-01-01T00:00:00Z",
                        null)))
                .containsExactly("from", "to");
        assertThat(fields(new WhatIfBody(
                        List.of(policy("p", TARGETS, "24x7")),
                        List.of(new CalendarBody("24x7", "UTC", Map.of("MONDAY", List.of("09:00-17:00")), null)),
                        null,
                        null,
                        null)))
                .containsExactly("calendars[0].name");
        List<PolicyBody> many = new ArrayList<>(Collections.nCopies(101, policy("p", TARGETS, null)));
        assertThat(fields(body(many, null, null, null))).containsExactly("policies");
    }

    @Test
    void aPolicyMayNameACalendarOfTheBody() {
        WhatIfQuestion question = WhatIfQuestion.of(
                new WhatIfBody(
                        List.of(policy("p", TARGETS, "office")),
                        List.of(new CalendarBody(
                                "office", "Europe/Berlin", Map.of("MONDAY", List.of("09:00-17:00")), List.of())),
                        "2026-11-01T00:00:00Z",
                        "2026-11-30T00:00:00Z",
                        "tier"),
                NOW);

        assertThat(question.policies().calendar("office").name()).isEqualTo("office");
        assertThat(question.groupBy()).isEqualTo("tier");
    }

    @Test
    void refusesATargetTheCalendarTakesMoreThanACenturyToReach() {
        // one minute a week: 3650 days of working time would take about 10,000 centuries
        WhatIfBody body = new WhatIfBody(
                List.of(policy("p", new TargetsBody(Duration.ofHours(1), null, Duration.ofDays(3650)), "sparse")),
                List.of(new CalendarBody("sparse", "Europe/Berlin", Map.of("MONDAY", List.of("09:00-09:01")), null)),
                null,
                null,
                null);

        assertThat(fields(body)).containsExactly("policies[0].targets.resolution");
    }

    private static List<String> fields(WhatIfBody body) {
        try {
            WhatIfQuestion.of(body, NOW);
        } catch (ApiProblem problem) {
            assertThat(problem.status().value()).isEqualTo(400);
            return problem.errors().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("accepted: " + body);
    }

    private static WhatIfBody body(List<PolicyBody> policies, String from, String to, String groupBy) {
        return new WhatIfBody(policies, null, from, to, groupBy);
    }

    private static PolicyBody policy(String name, TargetsBody targets, String calendar) {
        return new PolicyBody(name, null, targets, null, calendar);
    }

    @Test
    void refusesNothingButAQuestion() {
        assertThatThrownBy(() -> WhatIfQuestion.of(null, NOW)).isInstanceOf(ApiProblem.class);
    }
}
