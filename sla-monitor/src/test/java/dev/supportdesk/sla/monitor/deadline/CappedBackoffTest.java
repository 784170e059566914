package dev.supportdesk.sla.monitor.deadline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CappedBackoffTest {

    private final DeadlineRetryConfiguration.CappedBackoff backoff =
            new DeadlineRetryConfiguration.CappedBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void doublesFromTheFirstRetryAndStopsAtTheMaximum() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
