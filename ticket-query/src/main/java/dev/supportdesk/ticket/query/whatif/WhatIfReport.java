package dev.supportdesk.ticket.query.whatif;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The answer of a what-if (docs/api.md, "Reports"): per group the contracted figures (what the SLA report says) and
 * the what-if figures side by side, and the tickets whose outcome changes.
 *
 * @param tickets                the tickets opened in the window
 * @param changedTickets         those whose first-response or resolution outcome differs
 * @param ticketsWithoutTimeline tickets the report projection holds no SLA timeline of (applied before it kept
 *     one): no clock runs for them in the what-if until the report projection is rebuilt
 */
record WhatIfReport(
        Instant from,
        Instant to,
        String groupBy,
        List<String> policies,
        long tickets,
        long changedTickets,
        long ticketsWithoutTimeline,
        List<Row> rows) {

    /** One group: {@code changed} lists at most the configured sample of its {@code changedTickets}. */
    @Schema(name = "WhatIfRow")
    record Row(
            String key, SlaFigures contracted, SlaFigures whatIf, long changedTickets, List<ChangedTicket> changed) {}

    /** A ticket whose outcome changes; {@code policy} is the what-if policy it matched. */
    @Schema(name = "WhatIfChangedTicket")
    record ChangedTicket(String ticketId, String policy, Change firstResponse, Change resolution) {}

    /** An outcome ({@code MET}, {@code BREACHED} or null) contracted and in the what-if. */
    @Schema(name = "WhatIfChange")
    record Change(String contracted, String whatIf) {}

    /** A row as one CSV line: the contracted figures, then the what-if's, then the count of changed tickets. */
    @Schema(hidden = true)
    record CsvRow(
            String key,
            long tickets,
            long contractedFirstResponseMet,
            long contractedFirstResponseBreached,
            long contractedResolutionMet,
            long contractedResolutionBreached,
            Double contractedCompliancePct,
            Double contractedFirstResponseMinutesP50,
            Double contractedFirstResponseMinutesP90,
            Double contractedResolutionMinutesP50,
            Double contractedResolutionMinutesP90,
            long whatIfFirstResponseMet,
            long whatIfFirstResponseBreached,
            long whatIfResolutionMet,
            long whatIfResolutionBreached,
            Double whatIfCompliancePct,
            Double whatIfFirstResponseMinutesP50,
            Double whatIfFirstResponseMinutesP90,
            Double whatIfResolutionMinutesP50,
            Double whatIfResolutionMinutesP90,
            long changedTickets) {

        static CsvRow of(Row row) {
            SlaFigures c = row.contracted();
            SlaFigures w = row.whatIf();
            return new CsvRow(
                    row.key(),
                    c.tickets(),
                    c.firstResponseMet(),
                    c.firstResponseBreached(),
                    c.resolutionMet(),
                    c.resolutionBreached(),
                    c.compliancePct(),
                    c.firstResponseMinutesP50(),
                    c.firstResponseMinutesP90(),
                    c.resolutionMinutesP50(),
                    c.resolutionMinutesP90(),
                    w.firstResponseMet(),
                    w.firstResponseBreached(),
                    w.resolutionMet(),
                    w.resolutionBreached(),
                    w.compliancePct(),
                    w.firstResponseMinutesP50(),
                    w.firstResponseMinutesP90(),
                    w.resolutionMinutesP50(),
                    w.resolutionMinutesP90(),
                    row.changedTickets());
        }
    }
}
