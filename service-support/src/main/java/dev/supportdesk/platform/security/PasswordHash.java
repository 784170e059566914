package dev.supportdesk.platform.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the users file's value for a password: {@code {bcrypt}$2a$12$...}. Reads the password from the console
 * without echo, or as the first line of standard input; it never takes it as an argument, where the shell
 * history and the process list would keep it. Runs from any service jar:
 * <pre>
 * java -cp ticket-command/target/ticket-command-exec.jar -Dloader.main=dev.supportdesk.platform.security.PasswordHash \
 *      org.springframework.boot.loader.launch.PropertiesLauncher [--cost 12]
 * </pre>
 */
public final class PasswordHash {

    static final int DEFAULT_COST = 12;
    private static final int MAX_COST = 16;

    private PasswordHash() {}

    public static void main(String[] args) throws IOException {
        int cost = DEFAULT_COST;
        if (args.length == 2 && args[0].equals("--cost") && args[1].matches("\\d{1,2}")) {
            cost = Integer.parseInt(args[1]);
        } else if (args.length != 0) {
            fail("usage: PasswordHash [--cost " + PasswordPolicy.MIN_BCRYPT_COST + ".." + MAX_COST + "]");
        }
        if (cost < PasswordPolicy.MIN_BCRYPT_COST || cost > MAX_COST) {
            fail("the cost must be between " + PasswordPolicy.MIN_BCRYPT_COST + " and " + MAX_COST);
        }
        String password = readPassword();
        if (password == null || password.isEmpty()) {
            fail("no password given");
        }
        System.out.println(hash(password, cost));
    }

    static String hash(String password, int cost) {
        return "{bcrypt}" + new BCryptPasswordEncoder(cost).encode(password);
    }

    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    private static void fail(String problem) {
        System.err.println(problem);
        System.exit(2);
    }
}
