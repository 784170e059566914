package dev.supportdesk.sla.monitor.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.sla.monitor.client.DeliveryError;
import dev.supportdesk.sla.monitor.client.PendingSlaCommand;
import dev.supportdesk.sla.monitor.client.SlaCommandNotDeliveredException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CappedBackoffTest {

    private final DeadlineRetryConfiguration.CappedBackoff backoff = new DeadlineRetryConfiguration.CappedBackoff(
            new DeadlineRetryProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(1)));

    @Test
    void doublesFromTheFirstRetryAndStopsAtTheMaximum() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void backsOffTheSameWayForARefusalAndForAFailureThatIsNoDelivery() {
        assertThat(backoff.delay(3, Optional.of(refused(401, null, null)))).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void retriesSoonWhatTicketCommandDoesNotSeeAsDueYetHoweverOftenItFailed() {
        assertThat(backoff.delay(1, Optional.of(notDue(null)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(12, Optional.of(notDue(null)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(12, Optional.of(notDue(Duration.ofSeconds(3)))))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void honoursALongerRetryAfterUpToTheMaximum() {
        assertThat(backoff.delay(1, Optional.of(refused(429, null, Duration.ofSeconds(30)))))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(4, Optional.of(refused(503, null, Duration.ofSeconds(2)))))
                .isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(1, Optional.of(refused(503, null, Duration.ofHours(2)))))
                .isEqualTo(Duration.ofMinutes(5));
    }

    private static SlaCommandNotDeliveredException notDue(Duration retryAfter) {
        return new SlaCommandNotDeliveredException(
                PendingSlaCommand.Kind.BREACH,
                "T-1",
                SlaMetric.RESOLUTION,
                Instant.parse("2026-03-02T09:30:00Z"),
                new DeliveryError(409, "NOT_DUE", "not due"),
                true,
                retryAfter);
    }

    private static SlaCommandNotDeliveredException refused(int status, String reason, Duration retryAfter) {
        return new SlaCommandNotDeliveredException(
                PendingSlaCommand.Kind.BREACH,
                "T-1",
                SlaMetric.RESOLUTION,
                Instant.parse("2026-03-02T09:30:00Z"),
                new DeliveryError(status, reason, "refused"),
                false,
                retryAfter);
    }
}
