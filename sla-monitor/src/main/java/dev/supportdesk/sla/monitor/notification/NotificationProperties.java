package dev.supportdesk.sla.monitor.notification;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How supervisor notifications leave the platform: {@code support.sla.notifications.*}. The defaults are the
 * placeholders of application.yml.
 *
 * @param webhookUrl       the platform's webhook ({@code SLA_WEBHOOK_URL}); empty for none, in which case a
 *                         notification without a webhook of its own policy is recorded as failed at once
 * @param connectTimeout   TCP connect timeout of one webhook request
 * @param readTimeout      time one webhook request may take to answer
 * @param firstRetry       pause after the first failed attempt; doubles after each further one
 * @param maxRetry         the longest pause between two attempts
 * @param failAfter        failed attempts after which ticket-command records the notification as failed (once);
 *                         the retries go on
 * @param giveUpAfter      how long after the request attempts go on at all; then the notification stays failed
 */
@ConfigurationProperties("support.sla.notifications")
record NotificationProperties(
        String webhookUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration firstRetry,
        Duration maxRetry,
        int failAfter,
        Duration giveUpAfter) {

    NotificationProperties {
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
            throw new IllegalArgumentException(
                    "support.sla.notifications.webhook-url (SLA_WEBHOOK_URL): not an http(s) URL: " + webhookUrl);
        }
        require(positive(connectTimeout), "connect-timeout must be positive");
        require(positive(readTimeout), "read-timeout must be positive");
        require(positive(firstRetry), "first-retry must be positive");
        require(positive(maxRetry) && maxRetry.compareTo(firstRetry) >= 0, "max-retry must be at least first-retry");
        require(failAfter >= 1, "fail-after must be at least 1");
        require(positive(giveUpAfter), "give-up-after must be positive");
    }

    /** The pause after {@code failures} failed attempts: {@code first-retry * 2^(failures-1)}, at most max-retry. */
    Duration retryAfter(int failures) {
        Duration delay = firstRetry;
        for (int i = 1; i < failures && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean positive(Duration duration) {
        return duration != null && duration.compareTo(Duration.ZERO) > 0;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("support.sla.notifications." + problem);
        }
    }
}
