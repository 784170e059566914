package dev.supportdesk.ticket.query.replay;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/projections/{name}/replay}: rebuilds that read model from the first event into a fresh
 * copy while the live one serves; progress on {@code GET /api/admin/projections}, which the Location names.
 */
@RestController
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Access.REPLAY_PROJECTIONS)
    @Operation(summary = "Rebuild a read model from the first event; 409 while a replay runs")
    ResponseEntity<Replays.Started> replay(@PathVariable String name) {
        Replays.Started started = replays.start(name, Actor.current().name());
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections"))
                .body(started);
    }
}
