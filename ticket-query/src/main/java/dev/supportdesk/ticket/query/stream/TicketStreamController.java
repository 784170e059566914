package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.security.Access;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: server-sent {@code ticket-updated} events with {@code {id, version}} and
 * {@code presence-updated} events with {@code {id}}.
 */
@RestController
class TicketStreamController {

    private final TicketStream stream;

    TicketStreamController(TicketStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(Access.READ_TICKETS)
    SseEmitter stream() {
        return stream.subscribe();
    }
}
