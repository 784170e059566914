package dev.supportdesk.platform.web;

import java.util.Optional;
import java.util.UUID;

/**
 * The id of the HTTP request being served, drawn by the server for each request (never taken from the caller,
 * unlike the correlation id, which a caller may choose to tie several requests together). It travels into
 * every event the request causes and is answered in the {@code X-Request-Id} header.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestId() {}

    /** The current request's id; empty outside a request (a scheduled job, say). */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static String begin() {
        String id = UUID.randomUUID().toString();
        CURRENT.set(id);
        return id;
    }

    static void clear() {
        CURRENT.remove();
    }
}
