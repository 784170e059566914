package dev.supportdesk.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a short while, that a presented password matched a stored hash, so that a script's HTTP Basic
 * calls pay bcrypt once per {@code ttl} instead of on every request (the public API allows at most 60 s).
 * <p>
 * Only matches are remembered, under a SHA-256 of the stored hash and the presented password: a wrong password is
 * never answered from here, and a changed password (a new stored hash, salted afresh) never finds the old entry.
 * The user behind the hash is still loaded on every request, so a removed user or a changed role counts at once.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Duration ttl;
    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Instant> matchedUntil = new ConcurrentHashMap<>();

    CachingPasswordEncoder(PasswordEncoder delegate, Duration ttl, Clock clock, int maxEntries) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || ttl.isZero()) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = key(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = matchedUntil.get(key);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        if (until != null) {
            matchedUntil.remove(key, until);
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            if (matchedUntil.size() >= maxEntries) {
                evict(now);
            }
            matchedUntil.put(key, now.plus(ttl));
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** Expired entries first; if that is not enough, everything: the cache only saves work, it decides nothing. */
    private void evict(Instant now) {
        matchedUntil.entrySet().removeIf(entry -> !now.isBefore(entry.getValue()));
        if (matchedUntil.size() >= maxEntries) {
            matchedUntil.clear();
        }
    }

    private static String key(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
