package dev.supportdesk.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stored passwords a service accepts at start-up. With the {@code demo} profile anything Spring Security can
 * check (the demo users are {@code {noop}}); without it, only bcrypt hashes of cost 10 or more, so that a copied
 * configuration or a leaked users file does not hand out the passwords themselves. A violation stops the service
 * with every user concerned named, rather than leaving a weak account running.
 */
final class PasswordPolicy {

    static final int MIN_BCRYPT_COST = 10;
    private static final Pattern ENCODING = Pattern.compile("^\\{([^}]*)}");
    private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$[./0-9A-Za-z]{53}$");

    private final boolean demo;

    PasswordPolicy(boolean demo) {
        this.demo = demo;
    }

    void check(UserDirectory directory) {
        if (demo) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String user : directory.names()) {
            directory
                    .encodedPassword(user)
                    .map(password -> problem(user, password))
                    .ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new UnsafePasswordException(problems);
        }
    }

    /** What is wrong with one stored password, or null; quotes the encoding's id at most, never the value. */
    private static String problem(String user, String password) {
        Matcher bcrypt = BCRYPT.matcher(password);
        if (bcrypt.matches()) {
            int cost = Integer.parseInt(bcrypt.group(1));
            return cost >= MIN_BCRYPT_COST
                    ? null
                    : "user '" + user + "' has a bcrypt hash of cost " + cost + "; outside the demo profile the cost "
                            + "must be at least " + MIN_BCRYPT_COST;
        }
        Matcher encoding = ENCODING.matcher(password);
        if (!encoding.find()) {
            return "user '" + user + "' has a password without an encoding prefix; outside the demo profile it must "
                    + "be a bcrypt hash, {bcrypt}$2a$" + MIN_BCRYPT_COST + "$...";
        }
        String id = encoding.group(1);
        if (id.equals("noop")) {
            return "user '" + user + "' has a plain-text {noop} password, which only the demo profile accepts; store "
                    + "a bcrypt hash instead, {bcrypt}$2a$" + MIN_BCRYPT_COST + "$...";
        }
        if (id.equals("bcrypt")) {
            return "user '" + user + "' has a {bcrypt} password that is not a bcrypt hash ($2a$, $2b$ or $2y$, a "
                    + "two-digit cost, $ and 53 characters)";
        }
        return "user '" + user + "' has a {" + id + "} password; outside the demo profile it must be a bcrypt hash, "
                + "{bcrypt}$2a$" + MIN_BCRYPT_COST + "$...";
    }
}
