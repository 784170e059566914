package dev.supportdesk.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sign-ins are checked: {@code support.security.sign-in.*}. The values are in each service's application.yml.
 *
 * @param credentialCacheTtl   how long a checked user name and password are taken as valid without paying the
 *                             password hash again; at most 60 s (the public API's promise), 0 turns the cache off
 * @param failureDelay         how long the answer to the second failed sign-in in a row of one user from one
 *                             client is held back; doubles with each further failure
 * @param maxFailureDelay      the longest hold-back
 * @param forgetFailuresAfter  failures of a user and client are forgotten after this long without another one
 * @param maxDelayedAtOnce     answers held back at the same time; beyond that a failure is answered at once, so
 *                             that a flood of wrong passwords cannot tie up the server's threads
 * @param trackedSignIns       user and client pairs remembered; the least recently failed are dropped first
 */
@ConfigurationProperties("support.security.sign-in")
record SignInProperties(
        Duration credentialCacheTtl,
        Duration failureDelay,
        Duration maxFailureDelay,
        Duration forgetFailuresAfter,
        int maxDelayedAtOnce,
        int trackedSignIns) {

    static final Duration MAX_CREDENTIAL_CACHE_TTL = Duration.ofSeconds(60);

    SignInProperties {
        require(
                credentialCacheTtl != null
                        && !credentialCacheTtl.isNegative()
                        && credentialCacheTtl.compareTo(MAX_CREDENTIAL_CACHE_TTL) <= 0,
                "credential-cache-ttl must be between 0 and 60s: " + credentialCacheTtl);
        require(failureDelay != null && !failureDelay.isNegative(), "failure-delay must not be negative");
        require(
                maxFailureDelay != null && maxFailureDelay.compareTo(failureDelay) >= 0,
                "max-failure-delay must be at least failure-delay");
        require(
                forgetFailuresAfter != null && forgetFailuresAfter.compareTo(Duration.ZERO) > 0,
                "forget-failures-after must be positive");
        require(maxDelayedAtOnce >= 0, "max-delayed-at-once must not be negative");
        require(trackedSignIns >= 1, "tracked-sign-ins must be at least 1");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("support.security.sign-in." + problem);
        }
    }
}
