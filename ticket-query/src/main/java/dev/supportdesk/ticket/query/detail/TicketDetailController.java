package dev.supportdesk.ticket.query.detail;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.ETags;
import dev.supportdesk.platform.web.FieldProblem;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets/{id}}: the ticket detail with its ETag, optionally after waiting for a version. */
@RestController
class TicketDetailController {

    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final TicketDetails details;
    private final VersionWaiters waiters;
    // Reads after a wait run here, not on the projection thread that woke the waiter.
    private final ExecutorService readers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "ticket-detail-reader");
        thread.setDaemon(true);
        return thread;
    });

    TicketDetailController(TicketDetails details, VersionWaiters waiters) {
        this.details = details;
        this.waiters = waiters;
    }

    @GetMapping("/api/tickets/{id}")
    @PreAuthorize(Access.READ_TICKETS)
    CompletableFuture<ResponseEntity<TicketDetail>> detail(
            @PathVariable String id,
            @RequestParam(required = false) String minVersion,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        long wanted = parseMinVersion(minVersion);
        if (wanted <= 0 || details.version(id) >= wanted) {
            return CompletableFuture.completedFuture(answer(id, ifNoneMatch));
        }
        CompletableFuture<ResponseEntity<TicketDetail>> result = new CompletableFuture<>();
        CompletableFuture<Void> reached = waiters.await(id, wanted);
        // The commit may have happened between the first read and the registration.
        if (details.version(id) >= wanted) {
            reached.complete(null);
        }
        reached.orTimeout(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync(
                        (ignored, error) -> {
                            if (error != null) {
                                result.completeExceptionally(ApiProblem.of(
                                                HttpStatus.GATEWAY_TIMEOUT,
                                                "Read model behind",
                                                "Ticket " + id + " did not reach version " + wanted + " within "
                                                        + MAX_WAIT.toSeconds() + " s")
                                        .with("version", details.version(id)));
                                return;
                            }
                            try {
                                result.complete(answer(id, ifNoneMatch));
                            } catch (RuntimeException e) {
                                result.completeExceptionally(e);
                            }
                        },
                        readers);
        return result;
    }

    private ResponseEntity<TicketDetail> answer(String id, String ifNoneMatch) {
        TicketDetail detail = details.find(id).orElseThrow(() -> ApiProblem.notFound("No ticket " + id));
        String etag = ETags.of(detail.version());
        if (ETags.listed(ifNoneMatch, detail.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(detail);
    }

    private static long parseMinVersion(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest(
                "minVersion: must be a whole number of at least 1",
                List.of(new FieldProblem("minVersion", "must be a whole number of at least 1")));
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
