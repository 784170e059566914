package dev.supportdesk.ticket.command.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.command.eventstore.GlobalFeed;
import dev.supportdesk.ticket.command.policy.WebhookRedaction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events}: the global feed, read from the event store itself up to its commit horizon
 * ({@link GlobalFeed}). JSON answers {@code {items, next}}; {@code Accept: application/x-ndjson} streams the items
 * one per line and gives {@code next} in the {@value #NEXT_HEADER} header (both answers carry it).
 */
@RestController
class EventFeedController {

    static final String NEXT_HEADER = "Feed-Next";
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    record FeedPage(List<FeedItem> items, long next) {}

    private final GlobalFeed feed;
    private final ObjectMapper json;
    private final ObjectMapper lines;

    EventFeedController(GlobalFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
        this.lines = json.copy().disable(SerializationFeature.INDENT_OUTPUT);
    }

    @GetMapping(
            path = "/api/events",
            produces = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"})
    @PreAuthorize(Access.READ_FEED)
    ResponseEntity<FeedPage> events(HttpServletRequest request, HttpServletResponse response, Authentication caller)
            throws IOException {
        boolean webhooks = WebhookRedaction.mayRead(caller);
        long after = after(request);
        int limit = limit(request);
        long upTo = feed.horizon();
        if (wantsNdjson(request)) {
            // Written as read, on the request's thread: the container sends each full buffer on, so a page of
            // 5,000 events is never held in memory whole.
            long next = feed.lastPosition(after, upTo, limit);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(NDJSON.toString());
            response.setHeader(NEXT_HEADER, Long.toString(next));
            stream(after, upTo, limit, webhooks, response.getOutputStream());
            return null;
        }
        List<FeedItem> items = feed.page(after, upTo, limit).stream()
                .map(event -> FeedItem.of(event, json, webhooks))
                .toList();
        long next = items.isEmpty() ? after : items.get(items.size() - 1).position();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(NEXT_HEADER, Long.toString(next))
                .body(new FeedPage(items, next));
    }

    private void stream(long after, long upTo, int limit, boolean webhooks, OutputStream raw) throws IOException {
        OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
        try {
            feed.stream(after, upTo, limit, event -> {
                try {
                    out.write(lines.writeValueAsBytes(FeedItem.of(event, json, webhooks)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** NDJSON only when the client names it; JSON for {@code *}/{@code *}, no Accept or JSON. */
    private static boolean wantsNdjson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        MediaType.sortBySpecificityAndQuality(types);
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            if (NDJSON.equalsTypeAndSubtype(type)) {
                return true;
            }
            if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                return false;
            }
        }
        return false;
    }

    private static long after(HttpServletRequest request) {
        String raw = single(request, "after");
        if (raw == null) {
            return 0;
        }
        if (!WHOLE_NUMBER.matcher(raw).matches()) {
            throw ApiProblem.badRequest("after", "must be a position: a whole number, 0 or more");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("after", "must be a position: a whole number, 0 or more");
        }
    }

    private static int limit(HttpServletRequest request) {
        String raw = single(request, "limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        if (!WHOLE_NUMBER.matcher(raw).matches()
                || raw.length() > 4
                || Integer.parseInt(raw) < 1
                || Integer.parseInt(raw) > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be a whole number between 1 and " + MAX_LIMIT);
        }
        return Integer.parseInt(raw);
    }

    /** The parameter's one value; null when absent. Given twice or empty, it is refused rather than guessed. */
    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw ApiProblem.badRequest(name, "must be given once");
        }
        return values[0];
    }
}
