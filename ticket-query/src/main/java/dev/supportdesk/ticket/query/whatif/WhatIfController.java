package dev.supportdesk.ticket.query.whatif;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.PlatformJson;
import dev.supportdesk.ticket.query.report.Csv;
import dev.supportdesk.ticket.query.report.ReportMedia;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/reports/sla/what-if} (docs/api.md, "Reports"): the SLA report recomputed under the policies and
 * calendars of the body, beside the contracted one. A question, not a change: it answers 200 and stores nothing.
 * The body is read strictly, unknown fields included (the platform ignores them elsewhere), since a misspelt field
 * here would silently answer another question than the one asked.
 */
@RestController
class WhatIfController {

    private static final ObjectReader BODY = PlatformJson.strictRequests()
            .readerFor(WhatIfBody.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final WhatIfs whatIfs;
    private final Clock clock;

    WhatIfController(WhatIfs whatIfs, ObjectProvider<Clock> clock) {
        this.whatIfs = whatIfs;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping(
            path = "/api/reports/sla/what-if",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, ReportMedia.CSV_VALUE})
    @PreAuthorize(Access.READ_REPORTS)
    @Operation(
            summary = "The SLA report recomputed under other policies and calendars, beside the contracted one;"
                    + " nothing stored changes",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = WhatIfBody.class))),
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(schema = @Schema(implementation = WhatIfReport.class))))
    ResponseEntity<?> whatIf(
            @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request) {
        MediaType type = ReportMedia.negotiate(accept);
        WhatIfQuestion question = WhatIfQuestion.of(read(body, request), clock.instant());
        WhatIfReport report = whatIfs.answer(question, clock.instant());
        if (type.equals(ReportMedia.CSV)) {
            return ResponseEntity.ok()
                    .contentType(ReportMedia.CSV)
                    .body(Csv.of(
                            WhatIfReport.CsvRow.class,
                            report.rows().stream().map(WhatIfReport.CsvRow::of).toList()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    private static WhatIfBody read(JsonNode body, HttpServletRequest request) {
        try {
            return BODY.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest(
                    path(e),
                    "is not a field here; known: "
                            + e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } catch (IOException e) {
            // the platform's problem answers name the field and what it must be, as for every other body
            throw new HttpMessageNotReadableException(
                    "The what-if body is not valid", e, new ServletServerHttpRequest(request));
        }
    }

    /** The field as the API spells it: {@code policies[0].targets.firstResponse}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
