package dev.supportdesk.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller authenticated by the console's session cookie, with the roles the directory gives the user now (a
 * changed role counts at the next request). It carries no password.
 */
public final class SessionAuthentication extends AbstractAuthenticationToken implements ConsoleSession {

    private final DirectoryUser user;
    private final transient String token;
    private final transient String csrfToken;

    SessionAuthentication(DirectoryUser user, String token, String csrfToken) {
        super(user.roles().stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList());
        this.user = user;
        this.token = token;
        this.csrfToken = csrfToken;
        setAuthenticated(true);
    }

    public DirectoryUser user() {
        return user;
    }

    /** The token the console must send as {@code X-CSRF-Token} with every state-changing request. */
    public String csrfToken() {
        return csrfToken;
    }

    String token() {
        return token;
    }

    /** The session's id (not its token): what a sign-out names on {@link ConsoleSessions#ENDED_CHANNEL}. */
    public String sessionId() {
        return ConsoleSessions.sessionId(token);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return user.name();
    }

    @Override
    public String getName() {
        return user.name();
    }
}
