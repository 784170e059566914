package dev.supportdesk.ticket.query.queue;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.Actor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets}: the queue with the API's filters, sorts and paging. */
@RestController
class TicketQueueController {

    private final TicketQueue queue;

    TicketQueueController(TicketQueue queue) {
        this.queue = queue;
    }

    // Parameters arrive as text so that every bad value becomes one 400 listing them all.
    @GetMapping("/api/tickets")
    @PreAuthorize(Access.READ_TICKETS)
    QueuePage queue(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sla,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        QueueQuery query = QueueQuery.parse(
                status,
                assignee,
                group,
                priority,
                channel,
                tag,
                q,
                sla,
                sort,
                page,
                size,
                Actor.current().name());
        return queue.find(query);
    }
}
