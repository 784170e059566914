package dev.supportdesk.ticket.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore;
import dev.supportdesk.ticket.command.eventstore.ChainedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/audit/export}: the event store as NDJSON with every event's hashes and the exact bytes that were
 * hashed, then every signed checkpoint, for the offline verifier {@code tools/AuditVerify.java}
 * (docs/audit.md, "Export").
 */
@RestController
class AuditExportController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final String FORMAT = "supportdesk.audit.export.v1";

    record ExportHeader(String kind, String format, Instant exportedAt, Instant from, Instant to, String keyId) {}

    record ExportedEvent(
            String kind,
            long position,
            String aggregateType,
            String aggregateId,
            String ticketId,
            long version,
            String type,
            String occurredAt,
            String hash,
            String previousHash,
            String canonical) {}

    record ExportedCheckpoint(String kind, CheckpointView checkpoint) {}

    private final ChainStore chain;
    private final Checkpoints checkpoints;
    private final ObjectMapper json;
    private final Clock clock;

    AuditExportController(ChainStore chain, Checkpoints checkpoints, ObjectMapper json, Clock clock) {
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(value = "/api/audit/export", produces = "application/x-ndjson")
    @PreAuthorize(Access.EXPORT_AUDIT)
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && until.isBefore(since)) {
            throw ApiProblem.badRequest("to", "must not be before from");
        }
        ExportHeader header = new ExportHeader(
                "export",
                FORMAT,
                clock.instant(),
                since,
                until,
                checkpoints.signer().map(CheckpointSigner::keyId).orElse(null));
        StreamingResponseBody body = out -> {
            line(out, header);
            chain.forEachEvent(event -> {
                Instant at = Instant.parse(event.timeStamp());
                if ((since == null || !at.isBefore(since)) && (until == null || at.isBefore(until))) {
                    line(out, exported(event));
                }
            });
            for (Checkpoint checkpoint : checkpoints.all()) {
                line(out, new ExportedCheckpoint("checkpoint", CheckpointView.of(checkpoint)));
            }
            out.flush();
        };
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private static ExportedEvent exported(ChainedEvent event) {
        boolean ticket = event.aggregateType() == null || "Ticket".equals(event.aggregateType());
        String type = event.payloadType();
        return new ExportedEvent(
                "event",
                event.position(),
                event.aggregateType(),
                event.aggregateId(),
                ticket ? event.aggregateId() : null,
                event.version(),
                type.substring(type.lastIndexOf('.') + 1),
                event.timeStamp(),
                CanonicalBytes.hex(event.storedHash()),
                CanonicalBytes.hex(event.previousHash()),
                Base64.getEncoder().encodeToString(event.canonicalBytes()));
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
