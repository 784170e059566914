package dev.supportdesk.sla.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.web.PlatformJson;
import dev.supportdesk.sla.monitor.client.TicketCommandProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a notification's outcome in ticket-command: {@code POST /api/tickets/{id}/sla/notifications/{nid}} as the
 * service account, with the same URLs and timeouts as the warnings and breaches. ticket-command records each outcome
 * once and answers a repeat 200, so reporting again is always safe; only 200 counts as recorded.
 */
class TicketCommandReports {

    private static final Logger log = LoggerFactory.getLogger(TicketCommandReports.class);

    record Report(String outcome, int attempts, Instant deliveredAt, String error) {}

    private final TicketCommandProperties properties;
    private final ObjectMapper json = PlatformJson.base();
    private final HttpClient http;
    private final String authorization;

    TicketCommandReports(TicketCommandProperties properties) {
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

    boolean delivered(String ticketId, String notificationId, int attempts, Instant deliveredAt) {
        return send(ticketId, notificationId, new Report("DELIVERED", attempts, deliveredAt, null));
    }

    boolean failed(String ticketId, String notificationId, int attempts, String error) {
        return send(ticketId, notificationId, new Report("FAILED", attempts, null, error));
    }

    /** True when one ticket-command instance answered 200; every URL is tried once. */
    private boolean send(String ticketId, String notificationId, Report report) {
        String body;
        try {
            body = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + report, e);
        }
        for (URI base : properties.urls()) {
            URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/tickets/" + encode(ticketId)
                    + "/sla/notifications/" + encode(notificationId));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(properties.requestTimeout())
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    log.info("Notification {} of ticket {}: {} recorded", notificationId, ticketId, report.outcome());
                    return true;
                }
                log.warn(
                        "Notification {} of ticket {}: {} not recorded, HTTP {}",
                        notificationId,
                        ticketId,
                        report.outcome(),
                        response.statusCode());
                if (response.statusCode() != 429 && response.statusCode() < 500) {
                    // Another instance would answer the same.
                    return false;
                }
            } catch (IOException e) {
                log.warn("Notification {}: no answer from {}: {}", notificationId, base, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
