package dev.supportdesk.ticket.query.report;

import dev.supportdesk.platform.security.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/sla}, {@code /volume} and {@code /backlog} (docs/api.md, "Reports"): JSON
 * {@code {rows: [...]}}, or the same rows as CSV when {@code Accept} prefers {@code text/csv}.
 */
@RestController
@RequestMapping(
        path = "/api/reports",
        produces = {MediaType.APPLICATION_JSON_VALUE, ReportController.CSV_VALUE})
class ReportController {

    static final String CSV_VALUE = ReportMedia.CSV_VALUE;
    private static final MediaType CSV = ReportMedia.CSV;

    private final Reports reports;
    private final Clock clock;

    ReportController(Reports reports, ObjectProvider<Clock> clock) {
        this.reports = reports;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/sla")
    @PreAuthorize(Access.READ_REPORTS)
    @Operation(summary = "SLA compliance and working minutes of the tickets opened in the window, grouped")
    ResponseEntity<?> sla(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(description = "priority (default), channel, tier, assignee or group")
                    @RequestParam(required = false)
                    String groupBy,
            @RequestParam(required = false) String tz,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = negotiate(accept);
        String key = ReportWindow.groupBy(groupBy, Reports.SLA_GROUP_NAMES, "priority");
        ReportWindow window = ReportWindow.parse(from, to, tz, null, false, clock.instant());
        return answer(type, Reports.SlaRow.class, reports.sla(window, key));
    }

    @GetMapping("/volume")
    @PreAuthorize(Access.READ_REPORTS)
    @Operation(summary = "Tickets opened and resolved per hour or day (and channel or priority)")
    ResponseEntity<?> volume(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(description = "hour or day (default)") @RequestParam(required = false) String interval,
            @Parameter(description = "channel or priority; none: totals") @RequestParam(required = false)
                    String groupBy,
            @RequestParam(required = false) String tz,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = negotiate(accept);
        String key = ReportWindow.groupBy(groupBy, Reports.VOLUME_GROUP_NAMES, null);
        ReportWindow window = ReportWindow.parse(from, to, tz, interval, true, clock.instant());
        return answer(type, Reports.VolumeRow.class, reports.volume(window, key));
    }

    @GetMapping("/backlog")
    @PreAuthorize(Access.READ_REPORTS)
    @Operation(summary = "Tickets not resolved at the end of each hour or day")
    ResponseEntity<?> backlog(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(description = "hour or day (default)") @RequestParam(required = false) String interval,
            @RequestParam(required = false) String tz,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = negotiate(accept);
        ReportWindow window = ReportWindow.parse(from, to, tz, interval, true, clock.instant());
        return answer(type, Reports.BacklogRow.class, reports.backlog(window));
    }

    private static <R extends Record> ResponseEntity<?> answer(MediaType type, Class<R> row, List<R> rows) {
        if (type.equals(CSV)) {
            return ResponseEntity.ok().contentType(CSV).body(Csv.of(row, rows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("rows", rows));
    }

    static MediaType negotiate(String accept) {
        return ReportMedia.negotiate(accept);
    }
}
