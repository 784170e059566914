package dev.supportdesk.sla.monitor.deadline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a failed deadline is retried: {@code sla-monitor.deadline.*}. The defaults are in application.yml.
 *
 * @param firstRetry  delay after the first failure; doubles with each further failure in a row
 * @param maxRetry    the longest delay
 * @param notDueRetry delay after ticket-command answered that its clock has not reached the instant yet
 */
@ConfigurationProperties("sla-monitor.deadline")
record DeadlineRetryProperties(Duration firstRetry, Duration maxRetry, Duration notDueRetry) {

    DeadlineRetryProperties {
        require(positive(firstRetry), "first-retry must be positive");
        require(positive(maxRetry) && maxRetry.compareTo(firstRetry) >= 0, "max-retry must be at least first-retry");
        require(
                positive(notDueRetry) && notDueRetry.compareTo(maxRetry) <= 0,
                "not-due-retry must be positive and at most max-retry");
    }

    private static boolean positive(Duration duration) {
        return duration != null && duration.compareTo(Duration.ZERO) > 0;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("sla-monitor.deadline." + problem);
        }
    }
}
