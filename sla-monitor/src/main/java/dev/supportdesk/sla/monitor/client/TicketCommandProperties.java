package dev.supportdesk.sla.monitor.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where ticket-command answers and how sla-monitor signs in there: {@code sla-monitor.ticket-command.*}.
 *
 * @param url             base URL of ticket-command ({@code COMMAND_URL})
 * @param user            the service account ({@code SLA_MONITOR_USER}), role SYSTEM in ticket-command
 * @param password        its password ({@code SLA_MONITOR_PASSWORD})
 * @param connectTimeout  TCP connect timeout of one attempt
 * @param requestTimeout  time one attempt may take to answer
 * @param attempts        attempts per command before the deadline fails (and db-scheduler retries it later)
 * @param backoff         pause before the second attempt; doubles for each further one
 */
@ConfigurationProperties("sla-monitor.ticket-command")
record TicketCommandProperties(URI url, String user, String password, Duration connectTimeout,
                               Duration requestTimeout, int attempts, Duration backoff) {

    TicketCommandProperties {
        if (url == null) {
            url = URI.create("http://127.0.0.1:8081");
        }
        user = user == null ? "sla-monitor" : user;
        password = password == null ? "sla-monitor" : password;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        attempts = attempts < 1 ? 3 : attempts;
        backoff = backoff == null ? Duration.ofMillis(250) : backoff;
    }
}
