package dev.supportdesk.ticket.query.whatif;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.model.sla.BusinessCalendar;
import dev.supportdesk.model.sla.CalendarDefinition;
import dev.supportdesk.model.sla.CalendarDefinitionException;
import dev.supportdesk.model.sla.ListedSlaPolicies;
import dev.supportdesk.model.sla.ListedSlaPolicies.MatchedPolicy;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.model.sla.WorkingCalendar;
import dev.supportdesk.model.sla.WorkingRange;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.CalendarBody;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.PolicyBody;
import dev.supportdesk.ticket.query.whatif.WhatIfBody.TargetsBody;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A what-if question, checked: the window (as the SLA report's: {@code from} inclusive, {@code to} exclusive, default
 * the last 30 days up to now), the grouping, and the policies and calendars to recompute under. Every field at fault
 * is named in one 400 problem, the way {@code PUT /api/sla/policies|calendars} name theirs.
 */
record WhatIfQuestion(Instant from, Instant to, String groupBy, ListedSlaPolicies policies, List<String> policyNames) {

    static final List<String> GROUPS = List.of("priority", "channel", "tier", "assignee", "group");
    static final int MAX_POLICIES = 100;
    static final int MAX_CALENDARS = 20;
    static final int MAX_HOLIDAYS = 1000;
    static final int MAX_RANGES = 10;
    static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    static final Duration MAX_LENGTH = Duration.ofDays(3660);
    /** The instants PostgreSQL and the calendars handle without surprise. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final long WEEKS_OF_A_CENTURY = 5218;
    private static final Duration MAX_TARGET = Duration.ofDays(3650);
    private static final int DEFAULT_WARN_AT_PERCENT = 80;
    private static final Pattern DAY = Pattern.compile("[A-Z]{6,9}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static WhatIfQuestion of(WhatIfBody body, Instant now) {
        if (body == null) {
            throw ApiProblem.badRequest("policies", "is required");
        }
        List<FieldProblem> errors = new ArrayList<>();
        Instant from = instant("from", body.from(), errors);
        Instant to = instant("to", body.to(), errors);
        if (errors.isEmpty()) {
            if (to == null) {
                to = from != null && from.isAfter(now) ? from : now;
            }
            if (from == null) {
                from = to.minus(DEFAULT_LENGTH);
            }
            if (from.isAfter(to)) {
                errors.add(new FieldProblem("from", "is after to (" + to + ")"));
            } else if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
                errors.add(new FieldProblem("to", "a what-if covers at most 3660 days"));
            }
        }
        String groupBy = body.groupBy() == null ? "priority" : body.groupBy();
        if (!GROUPS.contains(groupBy)) {
            errors.add(new FieldProblem("groupBy", "is one of " + String.join(", ", GROUPS)));
        }
        Map<String, Duration> weekly = new LinkedHashMap<>();
        weekly.put(TwentyFourSevenCalendar.NAME, Duration.ofDays(7));
        Map<String, WorkingCalendar> calendars = calendars(body.calendars(), weekly, errors);
        List<MatchedPolicy> policies = policies(body.policies(), calendars, weekly, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The what-if is not valid", errors);
        }
        return new WhatIfQuestion(
                from,
                to,
                groupBy,
                new ListedSlaPolicies(policies, calendars),
                policies.stream().map(p -> p.policy().name()).toList());
    }

    /** A calendar's nominal working time a week, from its hours alone. */
    private static Duration weekly(CalendarDefinition definition) {
        return definition.workingHours().values().stream()
                .flatMap(List::stream)
                .map(WorkingRange::nominalLength)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Map<String, WorkingCalendar> calendars(
            List<CalendarBody> bodies, Map<String, Duration> weekly, List<FieldProblem> errors) {
        Map<String, WorkingCalendar> calendars = new LinkedHashMap<>();
        if (bodies == null) {
            return calendars;
        }
        if (bodies.size() > MAX_CALENDARS) {
            errors.add(new FieldProblem("calendars", "at most " + MAX_CALENDARS + " calendars"));
            return calendars;
        }
        for (int i = 0; i < bodies.size(); i++) {
            String field = "calendars[" + i + "]";
            CalendarBody body = bodies.get(i);
            if (body == null) {
                errors.add(new FieldProblem(field, "is required"));
                continue;
            }
            String name = body.name();
            if (!name(name, field + ".name", errors)) {
                continue;
            }
            if (TwentyFourSevenCalendar.NAME.equals(name)) {
                errors.add(new FieldProblem(field + ".name", "24x7 is built in and cannot be given"));
                continue;
            }
            if (calendars.containsKey(name)) {
                errors.add(new FieldProblem(field + ".name", "names a calendar given before"));
                continue;
            }
            if (body.workingHours() != null) {
                boolean tooMany = false;
                for (Map.Entry<String, List<String>> day : body.workingHours().entrySet()) {
                    if (day.getValue() != null && day.getValue().size() > MAX_RANGES) {
                        errors.add(new FieldProblem(
                                field + ".workingHours"
                                        + (DAY.matcher(day.getKey()).matches() ? "." + day.getKey() : ""),
                                "must be a list of at most " + MAX_RANGES + " ranges"));
                        tooMany = true;
                    }
                }
                if (tooMany) {
                    continue;
                }
            }
            List<String> holidays = body.holidays() == null ? List.of() : body.holidays();
            if (holidays.size() > MAX_HOLIDAYS || holidays.stream().anyMatch(Objects::isNull)) {
                errors.add(
                        new FieldProblem(field + ".holidays", "must be a list of at most " + MAX_HOLIDAYS + " dates"));
                continue;
            }
            try {
                CalendarDefinition definition =
                        CalendarDefinition.parse(name, body.timeZone(), body.workingHours(), holidays);
                calendars.put(name, new BusinessCalendar(definition));
                weekly.put(name, weekly(definition));
            } catch (CalendarDefinitionException e) {
                errors.add(new FieldProblem(field + "." + e.field(), e.getMessage()));
                // still known by name, so that policies naming it are not reported as well
                calendars.put(name, new TwentyFourSevenCalendar());
                weekly.put(name, Duration.ofDays(7));
            }
        }
        return calendars;
    }

    private static List<MatchedPolicy> policies(
            List<PolicyBody> bodies,
            Map<String, WorkingCalendar> calendars,
            Map<String, Duration> weekly,
            List<FieldProblem> errors) {
        List<MatchedPolicy> policies = new ArrayList<>();
        if (bodies == null || bodies.isEmpty()) {
            errors.add(new FieldProblem("policies", "lists at least one policy"));
            return policies;
        }
        if (bodies.size() > MAX_POLICIES) {
            errors.add(new FieldProblem("policies", "at most " + MAX_POLICIES + " policies"));
            return policies;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            String field = "policies[" + i + "]";
            PolicyBody body = bodies.get(i);
            if (body == null) {
                errors.add(new FieldProblem(field, "is required"));
                continue;
            }
            int before = errors.size();
            if (name(body.name(), field + ".name", errors) && !names.add(body.name())) {
                errors.add(new FieldProblem(field + ".name", "names a policy given before"));
            }
            TargetsBody targets = body.targets();
            if (targets == null) {
                errors.add(new FieldProblem(field + ".targets", "is required"));
            } else {
                positive(targets.firstResponse(), field + ".targets.firstResponse", true, errors);
                positive(targets.nextResponse(), field + ".targets.nextResponse", false, errors);
                positive(targets.resolution(), field + ".targets.resolution", true, errors);
            }
            int warnAtPercent = body.warnAtPercent() == null ? DEFAULT_WARN_AT_PERCENT : body.warnAtPercent();
            if (warnAtPercent < 1 || warnAtPercent > 100) {
                errors.add(new FieldProblem(field + ".warnAtPercent", "must be within 1..100"));
            }
            String calendar = body.calendar() == null ? TwentyFourSevenCalendar.NAME : body.calendar();
            if (!TwentyFourSevenCalendar.NAME.equals(calendar) && !calendars.containsKey(calendar)) {
                errors.add(new FieldProblem(
                        field + ".calendar",
                        "unknown calendar " + shorten(calendar) + ": give it in calendars (24x7 always exists)"));
            }
            if (errors.size() > before) {
                continue;
            }
            // A target that a sparse calendar takes centuries to reach would cost every clock thousands of steps.
            Duration reach = weekly.get(calendar).multipliedBy(WEEKS_OF_A_CENTURY);
            for (String metric : List.of("firstResponse", "nextResponse", "resolution")) {
                Duration target = switch (metric) {
                    case "firstResponse" -> targets.firstResponse();
                    case "nextResponse" -> targets.nextResponse();
                    default -> targets.resolution();
                };
                if (target != null && target.compareTo(reach) > 0) {
                    errors.add(new FieldProblem(
                            field + ".targets." + metric,
                            "needs more than 100 years of calendar " + calendar + "'s working time"));
                }
            }
            if (errors.size() > before) {
                continue;
            }
            Map<SlaMetric, Duration> measured = new EnumMap<>(SlaMetric.class);
            measured.put(SlaMetric.FIRST_RESPONSE, targets.firstResponse());
            if (targets.nextResponse() != null) {
                measured.put(SlaMetric.NEXT_RESPONSE, targets.nextResponse());
            }
            measured.put(SlaMetric.RESOLUTION, targets.resolution());
            WhatIfBody.MatchBody match = body.match();
            policies.add(new MatchedPolicy(
                    match == null ? null : new SlaPolicyMatch(match.priority(), match.customerTier(), match.channel()),
                    new SlaPolicy(body.name(), calendar, warnAtPercent, measured)));
        }
        return policies;
    }

    private static boolean name(String name, String field, List<FieldProblem> errors) {
        if (name == null) {
            errors.add(new FieldProblem(field, "is required"));
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldProblem(field, "must be 1 to 64 letters, digits, '.', '_' or '-'"));
            return false;
        }
        return true;
    }

    private static void positive(Duration value, String field, boolean required, List<FieldProblem> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldProblem(field, "is required"));
            }
        } else if (value.isNegative() || value.isZero() || value.compareTo(MAX_TARGET) > 0) {
            errors.add(new FieldProblem(field, "must be a positive duration of at most 3650 days"));
        }
    }

    private static Instant instant(String name, String value, List<FieldProblem> errors) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
                errors.add(new FieldProblem(name, "lies outside the years 0001 to 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(name, "is not an ISO-8601 instant such as 2026-11-25T09:30:00Z"));
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
