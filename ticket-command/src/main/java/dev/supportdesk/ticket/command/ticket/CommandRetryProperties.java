package dev.supportdesk.ticket.command.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.commands.retry.*}: how often a command that lost a race on its ticket is run again.
 *
 * @param maxAttempts  attempts in all, the first included (1..20); after the last the answer is 409 busy
 * @param firstBackoff the pause after the first lost race; it doubles with every further one
 * @param maxBackoff   the longest pause between two attempts
 */
@ConfigurationProperties("support.commands.retry")
record CommandRetryProperties(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    CommandRetryProperties {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException(
                    "support.commands.retry.max-attempts must be within 1..20, got " + maxAttempts);
        }
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException(
                    "support.commands.retry.first-backoff must be positive, got " + firstBackoff);
        }
        if (maxBackoff == null
                || maxBackoff.compareTo(firstBackoff) < 0
                || maxBackoff.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException(
                    "support.commands.retry.max-backoff must be within first-backoff..PT5S, got " + maxBackoff);
        }
    }
}
