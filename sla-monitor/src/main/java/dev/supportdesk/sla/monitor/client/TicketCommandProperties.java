package dev.supportdesk.sla.monitor.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where ticket-command answers and how sla-monitor signs in there: {@code sla-monitor.ticket-command.*}. The
 * defaults are the placeholders of application.yml.
 *
 * @param urls            base URLs of the ticket-command instances ({@code COMMAND_URL}, comma-separated); a
 *                        refused connection, a timeout, a 429 or a 5xx from one moves on to the next
 * @param user            the service account ({@code SLA_MONITOR_USER}), role SYSTEM in ticket-command
 * @param password        its password ({@code SLA_MONITOR_PASSWORD})
 * @param connectTimeout  TCP connect timeout of one request
 * @param requestTimeout  time one request may take to answer
 * @param attempts        rounds over every URL before the deadline fails (and db-scheduler retries it later)
 * @param backoff         pause before the second round; doubles for each further one
 */
@ConfigurationProperties("sla-monitor.ticket-command")
public record TicketCommandProperties(
        List<URI> urls,
        String user,
        String password,
        Duration connectTimeout,
        Duration requestTimeout,
        int attempts,
        Duration backoff) {

    public TicketCommandProperties {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("sla-monitor.ticket-command.urls (COMMAND_URL) names no URL");
        }
        for (URI url : urls) {
            if (url != null && url.getRawUserInfo() != null) {
                // The credentials have their own settings; in the URL they would reach log lines.
                throw new IllegalArgumentException("sla-monitor.ticket-command.urls (COMMAND_URL): a URL carries "
                        + "user info; set SLA_MONITOR_USER and SLA_MONITOR_PASSWORD instead");
            }
            if (url == null
                    || !url.isAbsolute()
                    || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException(
                        "sla-monitor.ticket-command.urls (COMMAND_URL): not an http(s) base URL: " + url);
            }
        }
        urls = List.copyOf(urls);
        require(user != null && !user.isBlank(), "user (SLA_MONITOR_USER) is empty");
        require(password != null && !password.isEmpty(), "password (SLA_MONITOR_PASSWORD) is empty");
        require(positive(connectTimeout), "connect-timeout must be positive");
        require(positive(requestTimeout), "request-timeout must be positive");
        require(attempts >= 1, "attempts must be at least 1");
        require(backoff != null && !backoff.isNegative(), "backoff must not be negative");
    }

    private static boolean positive(Duration duration) {
        return duration != null && duration.compareTo(Duration.ZERO) > 0;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("sla-monitor.ticket-command." + problem);
        }
    }

    @Override
    public String toString() {
        // Bound configuration ends up in logs and actuator output: never the password.
        return "TicketCommandProperties[urls=" + urls + ", user=" + user + ", password=***, connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", attempts=" + attempts + ", backoff="
                + backoff + "]";
    }
}
