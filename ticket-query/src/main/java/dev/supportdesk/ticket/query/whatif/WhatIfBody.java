package dev.supportdesk.ticket.query.whatif;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/reports/sla/what-if} as sent (docs/api.md): read with unknown fields refused, then
 * checked by {@link WhatIfQuestion#of}. Instants stay text here so that a bad one is named with the field.
 */
record WhatIfBody(List<PolicyBody> policies, List<CalendarBody> calendars, String from, String to, String groupBy) {

    /** A policy as {@code PUT /api/sla/policies/{name}} takes it, with its name, without the escalation ladder. */
    @Schema(name = "WhatIfPolicy")
    record PolicyBody(String name, MatchBody match, TargetsBody targets, Integer warnAtPercent, String calendar) {}

    @Schema(name = "WhatIfMatch")
    record MatchBody(Priority priority, CustomerTier customerTier, Channel channel) {}

    @Schema(name = "WhatIfTargets")
    record TargetsBody(Duration firstResponse, Duration nextResponse, Duration resolution) {}

    /** A calendar as {@code PUT /api/sla/calendars/{name}} takes it, with its name. */
    @Schema(name = "WhatIfCalendar")
    record CalendarBody(String name, String timeZone, Map<String, List<String>> workingHours, List<String> holidays) {}
}
