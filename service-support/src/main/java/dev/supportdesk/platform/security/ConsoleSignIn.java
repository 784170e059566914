package dev.supportdesk.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Signs people in to the console and out again, for the service that serves {@code /api/session}. The password is
 * checked once, here; every later request shows the session cookie instead.
 */
public final class ConsoleSignIn {

    /** A session that was just opened, or the current one: the user, the cookie to set and the CSRF token. */
    public record SignedIn(DirectoryUser user, String cookie, String csrfToken) {}

    private final AuthenticationProvider passwords;
    private final UserDirectory directory;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final SessionProperties properties;

    ConsoleSignIn(
            AuthenticationProvider passwords,
            UserDirectory directory,
            ConsoleSessions sessions,
            SignInThrottle throttle,
            SessionProperties properties) {
        this.passwords = passwords;
        this.directory = directory;
        this.sessions = sessions;
        this.throttle = throttle;
        this.properties = properties;
    }

    /**
     * Checks the user name and password and opens a session; empty for a wrong pair, an unknown user or a service
     * account (the console is for people), alike, after the {@link SignInThrottle}'s hold-back.
     */
    public Optional<SignedIn> signIn(String username, String password, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        Optional<DirectoryUser> user =
                checked(username, password).flatMap(directory::find).filter(found -> !found.hasRole(Role.SYSTEM));
        if (user.isEmpty()) {
            throttle.failed(username, client);
            return Optional.empty();
        }
        throttle.succeeded(username, client);
        ConsoleSessions.Opened opened = sessions.open(user.get().name());
        return Optional.of(new SignedIn(
                user.get(),
                SessionCookies.issued(opened.token(), properties.cookieSecure()).toString(),
                opened.csrfToken()));
    }

    /** The session this request was authenticated by; empty for HTTP Basic or no authentication. */
    public Optional<SignedIn> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof SessionAuthentication session) {
            return Optional.of(new SignedIn(session.user(), null, session.csrfToken()));
        }
        return Optional.empty();
    }

    /** Ends this request's session, if it has one, on every service; returns the cookie that clears it. */
    public String signOut() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SessionAuthentication session) {
            sessions.revoke(session.token());
        }
        return SessionCookies.cleared(properties.cookieSecure()).toString();
    }

    private Optional<String> checked(String username, String password) {
        try {
            Authentication authenticated =
                    passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
            return Optional.ofNullable(authenticated).map(Authentication::getName);
        } catch (AuthenticationException wrong) {
            return Optional.empty();
        }
    }
}
