package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class CachingPasswordEncoderTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    };
    private final MutableClock clock = new MutableClock();
    private final CachingPasswordEncoder encoder =
            new CachingPasswordEncoder(counting, Duration.ofSeconds(30), clock, 100);
    private final String stored = bcrypt.encode("right");

    @Test
    void aSecondCheckWithinTheWindowDoesNotRunTheHashAgain() {
        assertThat(encoder.matches("right", stored)).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(encoder.matches("right", stored)).isTrue();

        assertThat(checks).hasValue(1);
    }

    @Test
    void checksAgainOnceTheWindowHasPassed() {
        encoder.matches("right", stored);
        clock.advance(Duration.ofSeconds(30));

        assertThat(encoder.matches("right", stored)).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsNeverAnsweredFromTheCache() {
        encoder.matches("right", stored);

        assertThat(encoder.matches("wrong", stored)).isFalse();
        assertThat(encoder.matches("wrong", stored)).isFalse();
        assertThat(encoder.matches("right ", stored)).isFalse();
        assertThat(checks).hasValue(4);
    }

    @Test
    void aChangedPasswordDoesNotFindTheOldEntry() {
        encoder.matches("right", stored);
        String changed = bcrypt.encode("new-password");

        assertThat(encoder.matches("right", changed)).isFalse();
        assertThat(encoder.matches("new-password", changed)).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void aZeroWindowTurnsTheCacheOff() {
        CachingPasswordEncoder uncached = new CachingPasswordEncoder(counting, Duration.ZERO, clock, 100);

        uncached.matches("right", stored);
        uncached.matches("right", stored);

        assertThat(checks).hasValue(2);
    }

    @Test
    void staysBoundedAndStillCorrectWhenFull() {
        CachingPasswordEncoder small = new CachingPasswordEncoder(counting, Duration.ofSeconds(30), clock, 2);
        String[] hashes = {bcrypt.encode("a"), bcrypt.encode("b"), bcrypt.encode("c")};
        small.matches("a", hashes[0]);
        small.matches("b", hashes[1]);
        small.matches("c", hashes[2]);

        assertThat(small.matches("c", hashes[2])).isTrue();
        assertThat(small.matches("a", hashes[0])).isTrue();
        assertThat(small.matches("x", hashes[0])).isFalse();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
