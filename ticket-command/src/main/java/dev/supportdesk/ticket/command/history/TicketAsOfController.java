package dev.supportdesk.ticket.command.history;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.ETags;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tickets/{id}/as-of?at=}: the ticket as it was at an instant, from the event store itself. An
 * unknown ticket and an instant before the ticket was opened are both {@code 404}: at that instant there was no
 * such ticket (the second problem names {@code openedAt}).
 */
@RestController
class TicketAsOfController {

    /** ISO-8601 in UTC, to the second or finer: {@code 2026-03-02T09:15:00Z}, {@code 2026-03-02T09:15:00.250Z}. */
    private static final Pattern UTC_INSTANT =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

    private final TicketAsOf asOf;

    TicketAsOfController(TicketAsOf asOf) {
        this.asOf = asOf;
    }

    @GetMapping("/api/tickets/{id}/as-of")
    @PreAuthorize(Access.READ_TICKETS)
    ResponseEntity<TicketAsOfView> asOf(@PathVariable String id, HttpServletRequest request) {
        Instant at = at(request);
        TicketAsOf.Answer answer = asOf.at(id, at);
        if (answer instanceof TicketAsOf.Found found) {
            return ResponseEntity.ok()
                    .header(HttpHeaders.ETAG, ETags.of(found.view().version()))
                    .body(TicketAsOfView.of(found.view(), at));
        }
        if (answer instanceof TicketAsOf.NotYetOpened notYet) {
            throw ApiProblem.notFound(
                            "Ticket " + id + " was not opened yet at " + at + "; it was opened at " + notYet.openedAt())
                    .with("openedAt", notYet.openedAt().toString());
        }
        throw ApiProblem.notFound("Ticket " + id + " does not exist");
    }

    private static Instant at(HttpServletRequest request) {
        String[] values = request.getParameterValues("at");
        if (values == null) {
            throw ApiProblem.badRequest("at", "is required: an ISO-8601 instant in UTC, e.g. 2026-03-02T09:15:00Z");
        }
        if (values.length > 1) {
            throw ApiProblem.badRequest("at", "must be given once");
        }
        String raw = values[0];
        if (UTC_INSTANT.matcher(raw).matches()) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeException e) {
                // falls through: a well-formed but impossible date such as month 13
            }
        }
        throw ApiProblem.badRequest("at", "must be an ISO-8601 instant in UTC, e.g. 2026-03-02T09:15:00Z");
    }
}
