package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final CachingPasswordEncoderTest.MutableClock clock = new CachingPasswordEncoderTest.MutableClock();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final SignInThrottle throttle = new SignInThrottle(properties(16, 100), clock, pauses::add);

    private static SignInProperties properties(int maxDelayedAtOnce, int tracked) {
        return new SignInProperties(
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofMinutes(15),
                maxDelayedAtOnce,
                tracked);
    }

    @Test
    void answersTheFirstFailureAtOnceAndThenDoublesUpToTheMaximum() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("alice", "10.0.0.1");
        }

        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(800),
                        Duration.ofMillis(1600),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2));
    }

    @Test
    void countsEachUserAndClientApart() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.2");
        throttle.failed("bob", "10.0.0.1");

        assertThat(pauses).isEmpty();
        throttle.failed("alice", "10.0.0.1");
        assertThat(pauses).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void aSuccessStartsAfresh() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice", "10.0.0.1");

        throttle.failed("alice", "10.0.0.1");

        assertThat(pauses).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void forgetsFailuresAfterAQuietSpell() {
        throttle.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15));

        throttle.failed("alice", "10.0.0.1");

        assertThat(pauses).isEmpty();
    }

    @Test
    void remembersOnlyTheMostRecentlyFailedPairs() {
        SignInThrottle small = new SignInThrottle(properties(16, 2), clock, pauses::add);
        small.failed("alice", "10.0.0.1");
        small.failed("bob", "10.0.0.1");
        small.failed("carol", "10.0.0.1");

        small.failed("alice", "10.0.0.1");
        small.failed("carol", "10.0.0.1");

        assertThat(pauses).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void holdsBackNoMoreAnswersAtOnceThanAllowed() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SignInThrottle onePermit = new SignInThrottle(properties(1, 100), clock, duration -> {
            pauses.add(duration);
            holding.countDown();
            release.await();
        });
        onePermit.failed("alice", "10.0.0.1");
        Thread waiting = new Thread(() -> onePermit.failed("alice", "10.0.0.1"));
        waiting.start();
        holding.await();

        // The only permit is taken: this failure is counted, but answered at once.
        onePermit.failed("alice", "10.0.0.1");
        release.countDown();
        waiting.join();

        assertThat(pauses).containsExactly(Duration.ofMillis(200));
        assertThat(onePermit.recordFailure("alice", "10.0.0.1")).isEqualTo(Duration.ofMillis(800));
    }
}
