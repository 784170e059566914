package dev.supportdesk.e2e.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Who a request claims to be: its {@code Authorization} header lines (none, one, or several) and what the
 * platform must make of them.
 *
 * @param role the demo user's role when the credentials are right, else null
 */
public record Caller(String label, List<String> authorization, Standing standing, String role) {

    public enum Standing {
        /** Right credentials of a demo user. */
        SIGNED_IN,
        /** No, wrong or unreadable credentials: every /api call is a 401. */
        REFUSED,
        /** Credentials whose reading is the server's choice (a lower-case scheme, two headers). */
        UNCERTAIN
    }

    /** The demo users of the local start (password = user name) and their roles. */
    public static final List<String[]> DEMO_USERS = List.of(
            new String[] {"alice", "AGENT"},
            new String[] {"bob", "AGENT"},
            new String[] {"tina", "AGENT"},
            new String[] {"sam", "SUPERVISOR"},
            new String[] {"ana", "ANALYST"},
            new String[] {"audrey", "AUDITOR"},
            new String[] {"admin", "ADMIN"});

    public static Caller person(String user) {
        String role = DEMO_USERS.stream()
                .filter(u -> u[0].equals(user))
                .map(u -> u[1])
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a demo user: " + user));
        return new Caller(
                user + " (" + role + ")", List.of("Authorization: " + basic(user, user)), Standing.SIGNED_IN, role);
    }

    public static Caller wrongPassword(String user, String password) {
        return new Caller(
                user + " with a wrong password",
                List.of("Authorization: " + basic(user, password)),
                Standing.REFUSED,
                null);
    }

    public static Caller nobody() {
        return new Caller("no credentials", List.of(), Standing.REFUSED, null);
    }

    public static Caller odd(String label, Standing standing, String... authorizationValues) {
        return new Caller(
                label,
                java.util.Arrays.stream(authorizationValues)
                        .map(v -> "Authorization: " + v)
                        .toList(),
                standing,
                null);
    }

    /** {@code Basic base64(user:password)}, the UTF-8 bytes of both. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public boolean signedIn() {
        return standing == Standing.SIGNED_IN;
    }

    /** May send ticket commands (API.md's roles table). */
    public boolean works() {
        return signedIn() && List.of("AGENT", "SUPERVISOR", "ADMIN").contains(role);
    }

    public boolean supervises() {
        return signedIn() && List.of("SUPERVISOR", "ADMIN").contains(role);
    }
}
