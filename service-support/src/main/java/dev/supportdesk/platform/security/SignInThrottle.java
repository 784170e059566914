package dev.supportdesk.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows failed sign-ins per user and client: the first failure of a user from a client is answered at once, each
 * further one in a row is held back twice as long as the one before ({@code failure-delay}, up to
 * {@code max-failure-delay}), and a success or a quiet spell ({@code forget-failures-after}) starts afresh.
 * <p>
 * Only the answer to a failure waits. A right password is checked and accepted at once however many wrong ones
 * came before, so nobody can lock a user out, not even from the same address (behind the edge every browser
 * shares the edge's). Guessing, on the other hand, gets one try per hold-back and connection. At most
 * {@code max-delayed-at-once} answers wait at the same time; past that a failure is answered at once, so a flood
 * of wrong passwords never ties up the server's threads.
 */
final class SignInThrottle {

    /** Holds the current thread back; tests record instead of waiting. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int MAX_USER_LENGTH = 128;

    private final SignInProperties properties;
    private final Clock clock;
    private final Pause pause;
    private final Semaphore delayed;
    private final Map<Key, Failures> failures;

    SignInThrottle(SignInProperties properties, Clock clock, Pause pause) {
        this.properties = properties;
        this.clock = clock;
        this.pause = pause;
        this.delayed = new Semaphore(properties.maxDelayedAtOnce());
        int tracked = properties.trackedSignIns();
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Failures> eldest) {
                return size() > tracked;
            }
        };
    }

    /** A sign-in of {@code user} from {@code client} failed: counts it and holds the caller back accordingly. */
    void failed(String user, String client) {
        Duration delay = recordFailure(user, client);
        if (delay.isZero() || !delayed.tryAcquire()) {
            return;
        }
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delayed.release();
        }
    }

    void succeeded(String user, String client) {
        synchronized (failures) {
            failures.remove(new Key(bounded(user), client));
        }
    }

    /** Counts the failure; returns how long its answer waits. */
    Duration recordFailure(String user, String client) {
        Instant now = clock.instant();
        Key key = new Key(bounded(user), client);
        int count;
        synchronized (failures) {
            Failures previous = failures.get(key);
            boolean forgotten =
                    previous == null || !now.isBefore(previous.last().plus(properties.forgetFailuresAfter()));
            count = forgotten ? 1 : previous.count() + 1;
            failures.put(key, new Failures(count, now));
        }
        Duration delay = delay(count);
        if (Integer.bitCount(count) == 1 && count > 1) {
            // At 2, 4, 8, ... failures: a guessing run shows in the log without flooding it.
            log.info(
                    "Sign-in of '{}' from {} failed {} times in a row; its answers wait {} ms",
                    key.user().replaceAll("\\p{Cntrl}", "?"),
                    client,
                    count,
                    delay.toMillis());
        }
        return delay;
    }

    private Duration delay(int failuresInARow) {
        if (failuresInARow < 2) {
            return Duration.ZERO;
        }
        Duration delay = properties.failureDelay();
        for (int i = 2; i < failuresInARow && delay.compareTo(properties.maxFailureDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.maxFailureDelay()) > 0 ? properties.maxFailureDelay() : delay;
    }

    private static String bounded(String user) {
        String name = user == null ? "" : user;
        return name.length() > MAX_USER_LENGTH ? name.substring(0, MAX_USER_LENGTH) : name;
    }

    private record Key(String user, String client) {}

    private record Failures(int count, Instant last) {}
}
