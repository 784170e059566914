package dev.supportdesk.sla.monitor.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.supportdesk.platform.web.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Posts to ticket-command's SLA endpoints with HTTP Basic as the service account.
 * <p>
 * Both endpoints are idempotent in ticket-command, so retrying is always safe. 2xx is done; a 4xx other than
 * 429 is a request that will never succeed (unknown ticket, wrong credentials, rejected body): it is logged and
 * dropped; 429, 5xx and transport failures (refused, timeout) are retried a few times with a doubling pause, then
 * reported as {@link TicketCommandUnavailableException}.
 */
class TicketCommandClient {

    private static final Logger log = LoggerFactory.getLogger(TicketCommandClient.class);

    private final TicketCommandProperties properties;
    // Its own mapper: the body format (ISO-8601 instants) must not depend on which ObjectMapper bean wins.
    private final ObjectMapper objectMapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final HttpClient http;
    private final String authorization;

    TicketCommandClient(TicketCommandProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} as JSON to {@code /api/tickets/{ticketId}/sla/{resource}}. */
    void post(String ticketId, String resource, Object body, String correlationId) {
        // Appended, not resolved: a COMMAND_URL with a path prefix (behind a proxy) keeps it.
        String base = properties.url().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/tickets/"
                + URLEncoder.encode(ticketId, StandardCharsets.UTF_8).replace("+", "%20") + "/sla/" + resource);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        if (correlationId != null) {
            request.header(CorrelationId.HEADER, correlationId);
        }
        send(request.build());
    }

    private void send(HttpRequest request) {
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    log.info("{} {} -> {}", request.method(), request.uri(), status);
                    return;
                }
                if (status >= 400 && status < 500 && status != 429) {
                    // Repeating it would get the same answer; ticket-command has already said everything it will.
                    log.error("{} {} refused with {}, dropped: {}", request.method(), request.uri(), status,
                            response.body());
                    return;
                }
                lastFailure = new IOException("HTTP " + status + ": " + response.body());
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TicketCommandUnavailableException("Interrupted while sending to " + request.uri(), e);
            }
            log.warn("{} {} failed (attempt {} of {}): {}", request.method(), request.uri(), attempt,
                    properties.attempts(), lastFailure.toString());
        }
        throw new TicketCommandUnavailableException(
                "ticket-command did not take " + request.method() + " " + request.uri(), lastFailure);
    }

    private void pause(int attempt) {
        try {
            // A bounded pause between attempts on the deadline's own worker thread.
            Thread.sleep(properties.backoff().toMillis() << (attempt - 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketCommandUnavailableException("Interrupted between attempts", e);
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
