package dev.supportdesk.sla.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.web.PlatformJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * POSTs one notification to a webhook: JSON, {@code Idempotency-Key: <notificationId>} (a receiver drops a
 * repeat with it: delivery is at least once), bounded connect and read timeouts. Any 2xx is a delivery; any other
 * answer or no answer is a failed attempt.
 */
class Webhook {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_ERROR = 500;

    /** The body of the POST. */
    record Payload(
            String type,
            String notificationId,
            Ticket ticket,
            String metric,
            String stage,
            Group group,
            String requestedAt) {}

    record Ticket(String id, String subject, String priority, String link) {}

    record Group(String name, List<String> supervisors) {}

    /** What the webhook answered: a status (null when nothing answered) and, for a failure, why. */
    record Outcome(boolean delivered, Integer status, String error) {}

    private final ObjectMapper json = PlatformJson.base();
    private final HttpClient http;
    private final NotificationProperties properties;

    Webhook(NotificationProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome post(String url, Payload payload) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("User-Agent", "supportdesk-sla-monitor")
                    .header(IDEMPOTENCY_KEY, payload.notificationId())
                    .POST(HttpRequest.BodyPublishers.ofString(body(payload)))
                    .build();
        } catch (IllegalArgumentException badUrl) {
            return new Outcome(false, null, "not a usable webhook URL: " + safe(url));
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null);
            }
            return new Outcome(false, status, bounded("HTTP " + status + answer(response.body())));
        } catch (IOException e) {
            String message = e.getMessage();
            return new Outcome(
                    false,
                    null,
                    bounded("no answer from " + safe(url) + ": " + e.getClass().getSimpleName()
                            + (message == null || message.isBlank() ? "" : " (" + message + ")")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted while sending");
        }
    }

    private String body(Payload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + payload, e);
        }
    }

    private static String answer(String body) {
        return body == null || body.isBlank() ? "" : ": " + body;
    }

    /** A URL as it may be shown: never its user info (a webhook's credentials). */
    static String safe(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(unreadable URL)";
        }
    }

    private static String bounded(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() > MAX_ERROR ? cleaned.substring(0, MAX_ERROR) + "…" : cleaned;
    }
}
