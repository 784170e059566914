package dev.supportdesk.ticket.query.presence;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.security.DirectoryUser;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.query.projection.TicketTable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tickets/{id}/presence}: who else is viewing a ticket or typing a reply on it (docs/api.md). A ticket
 * exists for presence once the read model holds it.
 */
@RestController
@RequestMapping("/api/tickets/{id}/presence")
class PresenceController {

    record PresenceRequest(@NotNull Activity activity) {}

    record Viewer(String name, String displayName, Activity activity, Instant since) {}

    record PresenceView(String ticketId, List<Viewer> viewers) {}

    private final Presences presences;
    private final TicketTable tickets;
    private final UserDirectory directory;

    PresenceController(Presences presences, TicketTable tickets, UserDirectory directory) {
        this.presences = presences;
        this.tickets = tickets;
        this.directory = directory;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Access.READ_TICKETS)
    @Operation(
            summary = "The caller is on the ticket, viewing or typing, for the next 30 s",
            responses = {
                @ApiResponse(responseCode = "204", description = "present"),
                @ApiResponse(responseCode = "400", description = "activity missing or not VIEWING or TYPING"),
                @ApiResponse(responseCode = "404", description = "unknown ticket")
            })
    ResponseEntity<Void> renew(@PathVariable String id, @Valid @RequestBody PresenceRequest request) {
        known(id);
        presences.renew(id, Actor.current().name(), request.activity());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    @PreAuthorize(Access.READ_TICKETS)
    @Operation(
            summary = "The caller left the ticket",
            responses = {
                @ApiResponse(responseCode = "204", description = "not present any more"),
                @ApiResponse(responseCode = "404", description = "unknown ticket")
            })
    ResponseEntity<Void> leave(@PathVariable String id) {
        known(id);
        presences.leave(id, Actor.current().name());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Access.READ_TICKETS)
    @Operation(
            summary = "Who is on the ticket now, the caller included",
            responses = {
                @ApiResponse(responseCode = "200", description = "the viewers"),
                @ApiResponse(responseCode = "404", description = "unknown ticket")
            })
    PresenceView viewers(@PathVariable String id) {
        known(id);
        List<Viewer> viewers = presences.on(id).stream()
                .map(present -> new Viewer(
                        present.userName(),
                        directory
                                .find(present.userName())
                                .map(DirectoryUser::displayName)
                                .orElse(present.userName()),
                        present.activity(),
                        present.since()))
                .toList();
        return new PresenceView(id, viewers);
    }

    private void known(String id) {
        if (tickets.version(id) <= 0) {
            throw ApiProblem.notFound("No ticket " + id);
        }
    }
}
