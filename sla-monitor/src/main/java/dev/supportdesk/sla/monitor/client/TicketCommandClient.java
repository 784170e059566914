package dev.supportdesk.sla.monitor.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.web.CorrelationId;
import dev.supportdesk.platform.web.PlatformJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts warnings and breaches to ticket-command's SLA endpoints with HTTP Basic as the service account.
 * <p>
 * Both endpoints are idempotent in ticket-command, so sending again is always safe, and {@code 200 {id, version}}
 * is the only answer that ends a delivery: ticket-command answers it when it recorded the fact, had recorded it
 * already, or the fact no longer applies (the clock stopped, the ticket closed). Everything else leaves the
 * command pending ({@link SlaCommandNotDeliveredException}) and the deadline retries it:
 * <ul>
 *     <li>a refused connection, a timeout, a 429 or a 5xx: the next URL of {@code COMMAND_URL} is tried, then, after
 *     a short pause, every URL again, up to {@code attempts} rounds;</li>
 *     <li>{@code 409} with reason {@code NOT_DUE}: ticket-command's clock has not reached the instant yet, so the
 *     deadline is retried soon;</li>
 *     <li>any other answer (401 or 403 for wrong credentials, 400, 404, another 409, a 2xx that is not 200): another
 *     instance would answer the same, so the command is pending at once and retried with back-off until someone
 *     fixes the cause.</li>
 * </ul>
 */
class TicketCommandClient {

    static final String NOT_DUE = "NOT_DUE";
    private static final int MAX_DETAIL = 500;
    private static final String REDACTED = "[redacted]";
    private static final Logger log = LoggerFactory.getLogger(TicketCommandClient.class);

    private final TicketCommandProperties properties;
    // The platform's base form (ISO-8601 instants), whichever ObjectMapper bean the context holds.
    private final ObjectMapper objectMapper = PlatformJson.base();
    private final HttpClient http;
    private final String authorization;
    /** The URL that answered last: later deliveries start there instead of waiting on a dead instance first. */
    private final AtomicInteger preferred = new AtomicInteger();

    TicketCommandClient(TicketCommandProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Records the warning or breach, or throws {@link SlaCommandNotDeliveredException} saying why not. */
    void deliver(SlaDelivery delivery, String correlationId) {
        String body = json(delivery.body());
        List<URI> urls = properties.urls();
        SlaCommandNotDeliveredException last = null;
        for (int round = 1; round <= properties.attempts(); round++) {
            if (round > 1) {
                pause(round);
            }
            int first = preferred.get();
            for (int i = 0; i < urls.size(); i++) {
                int index = (first + i) % urls.size();
                HttpRequest request = request(urls.get(index), delivery, body, correlationId);
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    if (status == 200) {
                        preferred.set(index);
                        log.info("{} {} -> 200", request.method(), request.uri());
                        return;
                    }
                    SlaCommandNotDeliveredException refused = refused(delivery, response);
                    if (status != 429 && status < 500) {
                        // Another instance, or the same one a moment later, would answer the same.
                        log.warn("{} {} stays pending: {}", request.method(), request.uri(), refused.error());
                        throw refused;
                    }
                    last = refused;
                } catch (IOException e) {
                    last = new SlaCommandNotDeliveredException(
                            delivery,
                            new DeliveryError(
                                    null, null, "no answer from " + origin(urls.get(index)) + ": " + describe(e)),
                            false,
                            null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SlaCommandNotDeliveredException(
                            delivery, new DeliveryError(null, null, "interrupted while sending"), false, null);
                }
                log.warn(
                        "{} {} failed (round {} of {}): {}",
                        request.method(),
                        request.uri(),
                        round,
                        properties.attempts(),
                        last.error());
            }
        }
        throw last;
    }

    private HttpRequest request(URI base, SlaDelivery delivery, String body, String correlationId) {
        // Appended, not resolved: a COMMAND_URL with a path prefix (behind a proxy) keeps it.
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/tickets/"
                + URLEncoder.encode(delivery.ticketId(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/sla/" + delivery.resource());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (correlationId != null) {
            request.header(CorrelationId.HEADER, correlationId);
        }
        return request.build();
    }

    private SlaCommandNotDeliveredException refused(SlaDelivery delivery, HttpResponse<String> response) {
        int status = response.statusCode();
        String reason = null;
        String detail = null;
        try {
            JsonNode problem = objectMapper.readTree(response.body());
            if (problem != null && problem.isObject()) {
                reason = text(problem, "reason");
                detail = text(problem, "detail");
                if (detail == null) {
                    detail = text(problem, "title");
                }
            }
        } catch (IOException notJson) {
            // Not a problem document (a proxy's HTML page, say): the raw text says more than nothing.
        }
        if (detail == null && response.body() != null && !response.body().isBlank()) {
            detail = response.body();
        }
        boolean notDue = status == 409 && NOT_DUE.equals(reason);
        return new SlaCommandNotDeliveredException(
                delivery, new DeliveryError(status, clean(reason), clean(detail)), notDue, retryAfter(response));
    }

    private static String text(JsonNode problem, String field) {
        JsonNode value = problem.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is rare enough between two services to be ignored. */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(null);
    }

    /**
     * What is stored and shown as the reason: one line, bounded, and never the service's credentials, even if
     * some proxy echoed the request back.
     */
    String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        cleaned = cleaned.replace(authorization.substring("Basic ".length()), REDACTED);
        if (properties.password().length() >= 4) {
            cleaned = cleaned.replace(properties.password(), REDACTED);
        }
        return cleaned.length() > MAX_DETAIL ? cleaned.substring(0, MAX_DETAIL) + "…" : cleaned;
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private void pause(int round) {
        try {
            // A bounded pause between rounds on the deadline's own worker thread.
            Thread.sleep(properties.backoff().toMillis() << Math.min(round - 2, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String json(Object body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + body, e);
        }
    }
}
