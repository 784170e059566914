package dev.supportdesk.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the request being served: the caller's {@code X-Correlation-Id} when it is a
 * sensible token, else a fresh one. It travels into every event the request causes.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CorrelationId() {}

    /** The current request's id, or a new one outside a request (a scheduled job, say). */
    public static String current() {
        String id = CURRENT.get();
        return id != null ? id : UUID.randomUUID().toString();
    }

    static String accept(String offered) {
        return acceptable(offered) ? offered : UUID.randomUUID().toString();
    }

    static boolean acceptable(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches();
    }

    static void set(String id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }
}
