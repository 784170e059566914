package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.SessionAuthentication;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: server-sent {@code ticket-updated} events with {@code {id, version}} and
 * {@code presence-updated} events with {@code {id}}. A stream opened with the console's session ends when the
 * session is signed out.
 */
@RestController
class TicketStreamController {

    private final TicketStream stream;

    TicketStreamController(TicketStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(Access.READ_TICKETS)
    SseEmitter stream(Authentication caller) {
        return stream.subscribe(caller instanceof SessionAuthentication session ? session.sessionId() : null);
    }
}
