package dev.supportdesk.ticket.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.command.eventstore.AuditTrail;
import dev.supportdesk.ticket.command.eventstore.AuditTrail.Entry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: who changed what, when, filtered (docs/api.md, docs/audit.md). */
@RestController
class AuditTrailController {

    record ActorView(String name, String role, String source) {}

    record AuditItem(
            long position,
            String ticketId,
            String aggregateType,
            String aggregateId,
            long version,
            String type,
            String occurredAt,
            ActorView actor,
            String correlationId,
            String requestId,
            String summary,
            String hash) {}

    record AuditPage(List<AuditItem> items, int page, int size, long total) {}

    private static final int DEFAULT_SIZE = 50;
    private static final int MAX_SIZE = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:-]{1,255}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
    /** Payload fields worth a glance, in the order the summary names them. */
    private static final List<String> SUMMARY_FIELDS = List.of(
            "subject",
            "assignee",
            "priority",
            "status",
            "metric",
            "level",
            "into",
            "reason",
            "resolution",
            "body",
            "userName",
            "roles",
            "groups",
            "displayName");

    private final AuditTrail trail;

    AuditTrailController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/audit")
    @PreAuthorize(Access.AUDIT)
    AuditPage audit(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String ticketId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        List<FieldProblem> errors = new ArrayList<>();
        String who = matching("actor", actor, NAME, errors);
        String stream = matching("ticketId", ticketId, NAME, errors);
        String eventType = matching("type", type, TYPE, errors);
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        int pageNumber = integer("page", page, 0, 0, 1_000_000, errors);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (since != null && until != null && until.isBefore(since)) {
            errors.add(new FieldProblem("to", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        AuditTrail.Page found =
                trail.search(new AuditTrail.Filter(who, stream, eventType, since, until), pageNumber, pageSize);
        return new AuditPage(
                found.entries().stream().map(AuditTrailController::item).toList(), pageNumber, pageSize, found.total());
    }

    private static AuditItem item(Entry entry) {
        JsonNode metadata = entry.metadata();
        String type = entry.payloadType().substring(entry.payloadType().lastIndexOf('.') + 1);
        boolean ticket = entry.aggregateType() == null || "Ticket".equals(entry.aggregateType());
        return new AuditItem(
                entry.position(),
                ticket ? entry.aggregateId() : null,
                entry.aggregateType(),
                entry.aggregateId(),
                entry.version(),
                type,
                entry.occurredAt(),
                new ActorView(
                        text(metadata, MetadataKeys.ACTOR),
                        text(metadata, MetadataKeys.ACTOR_ROLE),
                        text(metadata, MetadataKeys.SOURCE)),
                text(metadata, MetadataKeys.CORRELATION_ID),
                text(metadata, MetadataKeys.REQUEST_ID),
                summary(type, entry.payload()),
                entry.hash());
    }

    /** "Ticket assigned: assignee bob": the type in words, then the first telling payload fields. */
    static String summary(String type, JsonNode payload) {
        String name = type.endsWith("Event") ? type.substring(0, type.length() - "Event".length()) : type;
        String words = name.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase();
        StringBuilder summary = new StringBuilder(Character.toUpperCase(words.charAt(0)) + words.substring(1));
        if (payload != null && payload.isObject()) {
            List<String> parts = new ArrayList<>();
            for (String field : SUMMARY_FIELDS) {
                JsonNode value = payload.get(field);
                if (value != null && value.isValueNode() && !value.isNull() && parts.size() < 2) {
                    String text = value.asText();
                    parts.add(field + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text));
                } else if (value != null && value.isArray() && parts.size() < 2) {
                    // A user's roles or groups: "roles [AGENT, SUPERVISOR]".
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    parts.add(field + " " + items);
                }
            }
            if (!parts.isEmpty()) {
                summary.append(": ").append(String.join(", ", parts));
            }
        }
        return summary.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String matching(String field, String raw, Pattern pattern, List<FieldProblem> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!pattern.matcher(raw).matches()) {
            errors.add(new FieldProblem(field, "not a valid " + field));
            return null;
        }
        return raw;
    }

    private static Instant instant(String field, String raw, List<FieldProblem> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(field, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static int integer(String field, String raw, int fallback, int min, int max, List<FieldProblem> errors) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        if (!raw.matches("[0-9]{1,9}")) {
            errors.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        int value = Integer.parseInt(raw);
        if (value < min || value > max) {
            errors.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return value;
    }
}
