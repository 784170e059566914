package dev.supportdesk.ticket.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in the integration tests: the system clock, which a test moves on when time must pass
 * for the service (an SLA instant to come). It only ever moves forward, so tests sharing the service do not
 * see time run backwards.
 */
final class AdjustableClock extends Clock {

    /** Replaces the service's clock bean in the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {
        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time on until {@code instant} has passed, if it has not. */
    void passBeyond(Instant instant) {
        Duration needed = Duration.between(instant(), instant).plusMillis(1);
        if (!needed.isNegative()) {
            offset.accumulateAndGet(needed, Duration::plus);
        }
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service works in UTC");
    }
}
