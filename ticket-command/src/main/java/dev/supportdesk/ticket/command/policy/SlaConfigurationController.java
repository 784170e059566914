package dev.supportdesk.ticket.command.policy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationAction;
import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.contract.SlaTargets;
import dev.supportdesk.model.sla.CalendarDefinition;
import dev.supportdesk.model.sla.CalendarDefinitionException;
import dev.supportdesk.model.sla.TwentyFourSevenCalendar;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.CalendarRow;
import dev.supportdesk.ticket.command.policy.SlaConfigurationTable.PolicyRow;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaCalendarCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaPolicyCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SLA configuration of docs/api.md ("SLA configuration"): policies and calendars as stored, with their
 * versions. Analysts and auditors read them, only an admin changes them; every refusal names the field, and a
 * refused change stores nothing.
 */
@RestController
@RequestMapping(path = "/api/sla", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize(Access.ADMINISTER)
@Tag(name = "SLA configuration")
class SlaConfigurationController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_STEPS = 20;
    private static final int MAX_RANGES = 10;
    private static final int MAX_HOLIDAYS = 1000;
    private static final int MAX_TEXT = 2000;
    private static final int DEFAULT_WARN_AT_PERCENT = 80;

    record MatchBody(Priority priority, CustomerTier customerTier, Channel channel) {}

    record TargetsBody(Duration firstResponse, Duration nextResponse, Duration resolution) {}

    record EscalationBody(EscalationTrigger at, SlaMetric metric, List<EscalationAction> actions, String group) {}

    record PolicyBody(
            MatchBody match,
            TargetsBody targets,
            Integer warnAtPercent,
            String calendar,
            List<EscalationBody> escalations,
            String webhookUrl) {}

    /**
     * A policy as a reader who is no admin sees it: without {@code webhookUrl}, the notification target, whose URL
     * may carry the receiver's secret token.
     */
    record ReadOnlyPolicyAnswer(
            String name,
            SlaPolicyMatch match,
            SlaTargets targets,
            int warnAtPercent,
            String calendar,
            List<EscalationStep> escalations,
            boolean active,
            long version,
            Instant changedAt,
            String changedBy) {

        static ReadOnlyPolicyAnswer of(PolicyAnswer full) {
            return new ReadOnlyPolicyAnswer(
                    full.name(),
                    full.match(),
                    full.targets(),
                    full.warnAtPercent(),
                    full.calendar(),
                    full.escalations(),
                    full.active(),
                    full.version(),
                    full.changedAt(),
                    full.changedBy());
        }
    }

    record CalendarBody(String timeZone, Map<String, List<String>> workingHours, List<String> holidays) {}

    record PolicyAnswer(
            String name,
            SlaPolicyMatch match,
            SlaTargets targets,
            int warnAtPercent,
            String calendar,
            List<EscalationStep> escalations,
            String webhookUrl,
            boolean active,
            long version,
            Instant changedAt,
            String changedBy) {}

    record CalendarAnswer(
            String name,
            String timeZone,
            Map<String, List<String>> workingHours,
            List<String> holidays,
            long version,
            Instant changedAt,
            String changedBy) {}

    record Items<T>(List<T> items) {}

    private final SlaConfigurations configurations;
    private final UserDirectory directory;

    SlaConfigurationController(SlaConfigurations configurations, UserDirectory directory) {
        this.configurations = configurations;
        this.directory = directory;
    }

    @GetMapping("/policies")
    @PreAuthorize(Access.READ_SLA_CONFIGURATION)
    @Operation(
            summary = "Every SLA policy as last changed, active or not, with its version",
            description = "ANALYST, AUDITOR and ADMIN; webhookUrl is answered to an admin only (absent otherwise)")
    Items<?> policies(Authentication caller) {
        List<PolicyAnswer> policies = configurations.policies().stream()
                .map(SlaConfigurationController::answer)
                .toList();
        if (WebhookRedaction.mayRead(caller)) {
            return new Items<>(policies);
        }
        return new Items<>(policies.stream().map(ReadOnlyPolicyAnswer::of).toList());
    }

    @PutMapping(path = "/policies/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or change an SLA policy; it applies to tickets opened after the answer")
    PolicyAnswer putPolicy(@PathVariable String name, @RequestBody PolicyBody body) {
        checkName(name, "default");
        List<FieldProblem> problems = new ArrayList<>();
        TargetsBody targets = body.targets();
        if (targets == null) {
            problems.add(new FieldProblem("targets", "is required"));
        } else {
            positive(targets.firstResponse(), "targets.firstResponse", true, problems);
            positive(targets.nextResponse(), "targets.nextResponse", false, problems);
            positive(targets.resolution(), "targets.resolution", true, problems);
        }
        int warnAtPercent = body.warnAtPercent() == null ? DEFAULT_WARN_AT_PERCENT : body.warnAtPercent();
        if (warnAtPercent < 1 || warnAtPercent > 100) {
            problems.add(new FieldProblem("warnAtPercent", "must be within 1..100"));
        }
        String calendar = body.calendar() == null ? TwentyFourSevenCalendar.NAME : body.calendar();
        if (!TwentyFourSevenCalendar.NAME.equals(calendar) && !configurations.calendarExists(calendar)) {
            problems.add(new FieldProblem("calendar", "unknown calendar " + shorten(calendar)));
        }
        List<EscalationStep> steps = steps(body.escalations(), problems);
        String webhookUrl = body.webhookUrl();
        if (webhookUrl != null && !isWebUrl(webhookUrl)) {
            problems.add(new FieldProblem("webhookUrl", "must be an absolute http or https URL"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest("The policy is invalid", problems);
        }
        MatchBody match = body.match() == null ? new MatchBody(null, null, null) : body.match();
        return answer(configurations.definePolicy(new DefineSlaPolicyCommand(
                SlaPolicyCommands.policyId(name),
                name,
                new SlaPolicyMatch(match.priority(), match.customerTier(), match.channel()),
                new SlaTargets(targets.firstResponse(), targets.nextResponse(), targets.resolution()),
                warnAtPercent,
                calendar,
                steps,
                webhookUrl)));
    }

    @PostMapping("/policies/{name}/deactivate")
    @Operation(summary = "Deactivate an SLA policy: no ticket opened later matches it; open tickets keep it")
    PolicyAnswer deactivate(@PathVariable String name) {
        checkName(name, "default");
        return configurations
                .deactivatePolicy(name)
                .map(SlaConfigurationController::answer)
                .orElseThrow(() -> ApiProblem.notFound("No SLA policy " + name));
    }

    @GetMapping("/calendars")
    @PreAuthorize(Access.READ_SLA_CONFIGURATION)
    @Operation(
            summary = "Every business calendar, 24x7 first, with its version",
            description = "ANALYST, AUDITOR and ADMIN")
    Items<CalendarAnswer> calendars() {
        List<CalendarAnswer> items = new ArrayList<>();
        items.add(new CalendarAnswer(TwentyFourSevenCalendar.NAME, "UTC", allDay(), List.of(), 0, null, null));
        configurations.calendars().stream()
                .map(SlaConfigurationController::answer)
                .forEach(items::add);
        return new Items<>(items);
    }

    @PutMapping(path = "/calendars/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or change a business calendar; clocks started after the answer count in it")
    CalendarAnswer putCalendar(@PathVariable String name, @RequestBody CalendarBody body) {
        checkName(name, TwentyFourSevenCalendar.NAME);
        List<FieldProblem> problems = new ArrayList<>();
        if (body.timeZone() == null || body.timeZone().isBlank()) {
            problems.add(new FieldProblem("timeZone", "is required"));
        }
        Map<String, List<String>> hours = body.workingHours() == null ? Map.of() : body.workingHours();
        List<String> holidays = body.holidays() == null ? List.of() : body.holidays();
        boolean anyRange = false;
        for (Map.Entry<String, List<String>> day : hours.entrySet()) {
            if (day.getValue() == null || day.getValue().size() > MAX_RANGES || hasNull(day.getValue())) {
                problems.add(new FieldProblem(
                        "workingHours." + shorten(day.getKey()),
                        "must be a list of at most " + MAX_RANGES + " ranges"));
            } else {
                anyRange |= !day.getValue().isEmpty();
            }
        }
        if (!anyRange) {
            problems.add(new FieldProblem("workingHours", "needs at least one working range"));
        }
        if (holidays.size() > MAX_HOLIDAYS || hasNull(holidays)) {
            problems.add(new FieldProblem("holidays", "must be a list of at most " + MAX_HOLIDAYS + " dates"));
        }
        if (problems.isEmpty()) {
            try {
                CalendarDefinition.parse(name, body.timeZone(), hours, holidays);
            } catch (CalendarDefinitionException e) {
                problems.add(new FieldProblem(e.field(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest("The calendar is invalid", problems);
        }
        return answer(configurations.defineCalendar(new DefineSlaCalendarCommand(
                SlaPolicyCommands.calendarId(name),
                name,
                body.timeZone(),
                new LinkedHashMap<>(hours),
                List.copyOf(holidays))));
    }

    private List<EscalationStep> steps(List<EscalationBody> escalations, List<FieldProblem> problems) {
        if (escalations == null) {
            return List.of();
        }
        if (escalations.size() > MAX_STEPS) {
            problems.add(new FieldProblem("escalations", "at most " + MAX_STEPS + " steps"));
            return List.of();
        }
        List<EscalationStep> steps = new ArrayList<>();
        for (int i = 0; i < escalations.size(); i++) {
            String field = "escalations[" + i + "]";
            EscalationBody step = escalations.get(i);
            if (step == null) {
                problems.add(new FieldProblem(field, "is required"));
                continue;
            }
            if (step.at() == null || step.at() == EscalationTrigger.MANUAL) {
                problems.add(new FieldProblem(field + ".at", "must be WARNING or BREACH"));
            }
            List<EscalationAction> actions = step.actions() == null ? List.of() : step.actions();
            if (hasNull(actions) || actions.size() > EscalationAction.values().length) {
                problems.add(new FieldProblem(field + ".actions", "must list each action at most once"));
                continue;
            }
            if (actions.size() != actions.stream().distinct().count()) {
                problems.add(new FieldProblem(field + ".actions", "must list each action at most once"));
            }
            if (actions.contains(EscalationAction.REASSIGN_TO_GROUP) && step.group() == null) {
                problems.add(new FieldProblem(field + ".group", "is required for REASSIGN_TO_GROUP"));
            }
            if (step.group() != null && directory.findGroup(step.group()).isEmpty()) {
                problems.add(new FieldProblem(field + ".group", "unknown group " + shorten(step.group())));
            }
            steps.add(new EscalationStep(step.at(), step.metric(), List.copyOf(actions), step.group()));
        }
        return steps;
    }

    private static void checkName(String name, String reserved) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("name", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (reserved.equals(name)) {
            throw ApiProblem.badRequest("name", reserved + " is built in and comes from configuration");
        }
    }

    private static void positive(Duration value, String field, boolean required, List<FieldProblem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofDays(3650)) > 0) {
            problems.add(new FieldProblem(field, "must be a positive duration of at most 3650 days"));
        }
    }

    /** Null-safe for immutable lists too, whose contains(null) throws. */
    private static boolean hasNull(List<?> values) {
        return values.stream().anyMatch(Objects::isNull);
    }

    private static boolean isWebUrl(String text) {
        if (text.length() > MAX_TEXT) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static Map<String, List<String>> allDay() {
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            hours.put(day.name(), List.of("00:00-24:00"));
        }
        return hours;
    }

    private static PolicyAnswer answer(PolicyRow row) {
        var d = row.definition();
        return new PolicyAnswer(
                row.name(),
                d.match(),
                d.targets(),
                d.warnAtPercent(),
                d.calendar(),
                d.escalations(),
                d.webhookUrl(),
                row.active(),
                row.version(),
                row.changedAt(),
                row.changedBy());
    }

    private static CalendarAnswer answer(CalendarRow row) {
        var d = row.definition();
        return new CalendarAnswer(
                row.name(),
                d.timeZone(),
                d.workingHours(),
                d.holidays(),
                row.version(),
                row.changedAt(),
                row.changedBy());
    }
}
