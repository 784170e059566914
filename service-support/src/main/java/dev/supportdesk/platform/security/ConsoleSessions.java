package dev.supportdesk.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The console's sessions in PostgreSQL ({@code platform_session.console_session}), which every backend reads, so
 * that a sign-out or an expiry holds on every service and instance at once. A session is a random 256-bit token
 * in the cookie; the table keeps only its SHA-256, the user and the session's CSRF token. Time is the database's
 * ({@code now()}), the one clock all instances share.
 */
public final class ConsoleSessions {

    /** What a sign-in hands out: the cookie's token and the CSRF token the console sends back. */
    public record Opened(String token, String csrfToken) {}

    /** A session that is still valid. */
    public record Found(String userName, String csrfToken) {}

    private static final int TOKEN_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final SessionProperties properties;
    private final SecureRandom random = new SecureRandom();

    ConsoleSessions(JdbcTemplate jdbc, SessionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Opened open(String userName) {
        // Sessions that ran out are removed here rather than by a timer: signing in is rare enough to pay for it.
        jdbc.update(
                "DELETE FROM platform_session.console_session WHERE last_seen_at < now() - ? * INTERVAL '1 millisecond'"
                        + " OR created_at < now() - ? * INTERVAL '1 millisecond'",
                properties.idleTimeout().toMillis(),
                properties.absoluteTimeout().toMillis());
        String token = randomToken();
        String csrfToken = randomToken();
        jdbc.update(
                "INSERT INTO platform_session.console_session (token_hash, user_name, csrf_token, created_at,"
                        + " last_seen_at) VALUES (?, ?, ?, now(), now())",
                hash(token),
                userName,
                csrfToken);
        return new Opened(token, csrfToken);
    }

    /** The session of a cookie's token, if it exists and has run out neither way; records its use. */
    Optional<Found> find(String token) {
        byte[] hash = hash(token);
        List<Found> found = jdbc.query(
                "SELECT user_name, csrf_token, last_seen_at < now() - ? * INTERVAL '1 millisecond' AS stale"
                        + " FROM platform_session.console_session WHERE token_hash = ?"
                        + " AND last_seen_at >= now() - ? * INTERVAL '1 millisecond'"
                        + " AND created_at >= now() - ? * INTERVAL '1 millisecond'",
                (row, i) -> {
                    if (row.getBoolean("stale")) {
                        jdbc.update(
                                "UPDATE platform_session.console_session SET last_seen_at = now() WHERE token_hash = ?",
                                hash);
                    }
                    return new Found(row.getString("user_name"), row.getString("csrf_token"));
                },
                properties.touchInterval().toMillis(),
                hash,
                properties.idleTimeout().toMillis(),
                properties.absoluteTimeout().toMillis());
        return found.stream().findFirst();
    }

    /**
     * The PostgreSQL channel on which a sign-out names the ended session (its {@link SessionAuthentication#sessionId()
     * id}), at its commit: a long-lived answer such as the event stream, opened with the session, ends at once.
     */
    public static final String ENDED_CHANNEL = "platform_session_ended";

    /** Ends the session everywhere: no backend finds it any more, and the listeners of its end are told. */
    void revoke(String token) {
        jdbc.query(
                "WITH ended AS (DELETE FROM platform_session.console_session WHERE token_hash = ? RETURNING token_hash)"
                        + " SELECT pg_notify('" + ENDED_CHANNEL + "', encode(token_hash, 'hex')) FROM ended",
                (RowCallbackHandler) row -> {},
                hash(token));
    }

    /**
     * Whether the session of that id is still valid, without counting this as a use: a stream that stays open
     * must not keep its session alive.
     */
    public boolean isOpen(String sessionId) {
        Boolean open = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM platform_session.console_session WHERE token_hash = decode(?, 'hex')"
                        + " AND last_seen_at >= now() - ? * INTERVAL '1 millisecond'"
                        + " AND created_at >= now() - ? * INTERVAL '1 millisecond')",
                Boolean.class,
                sessionId,
                properties.idleTimeout().toMillis(),
                properties.absoluteTimeout().toMillis());
        return Boolean.TRUE.equals(open);
    }

    /** The id of a token's session: its hash in hex, what the table keys it by; it cannot be turned into a cookie. */
    static String sessionId(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
