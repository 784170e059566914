package dev.supportdesk.platform.security;

import dev.supportdesk.platform.web.DatabaseUnavailable;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the console's session cookie when it carries no {@code Authorization} header (HTTP
 * Basic, checked before, wins and needs no CSRF token). With the cookie every state-changing method must send the
 * session's CSRF token as {@value #CSRF_HEADER}, or the answer is 403: a page elsewhere can make the browser send
 * the cookie (SameSite=Strict aside), but it cannot read the token. A cookie that names no valid session leaves the
 * request unauthenticated, so the usual 401 follows where one is needed.
 */
final class SessionCookieFilter extends OncePerRequestFilter {

    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ConsoleSessions sessions;
    private final UserDirectory directory;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    SessionCookieFilter(ConsoleSessions sessions, UserDirectory directory, ProblemWriter problems) {
        this.sessions = sessions;
        this.directory = directory;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = SessionCookies.token(request);
        if (token == null
                || signingIn(request)
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || contexts.getContext().getAuthentication() != null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SessionAuthentication> session;
        try {
            session = authenticate(token);
        } catch (DataAccessException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Service Unavailable",
                    "The session cannot be checked right now; try again shortly");
            return;
        }
        if (session.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (STATE_CHANGING.contains(request.getMethod())
                && !sameToken(request.getHeader(CSRF_HEADER), session.get().csrfToken())) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "A change made with the session cookie must send the session's CSRF token as " + CSRF_HEADER,
                    List.of(new FieldProblem(CSRF_HEADER, "missing or not this session's token")));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(session.get());
        contexts.setContext(context);
        // Kept on the request as well, for the async dispatch of a streamed or deferred answer (/api/stream, a
        // detail that waits for a version), which reads the context from there as Basic's filter leaves it.
        repository.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    /**
     * A sign-in ignores the session the browser may still hold (another user signs in on the same browser, say): it
     * needs none, and asking it for the old session's CSRF token would refuse it.
     */
    private static boolean signingIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && SessionCookies.SIGN_IN_PATH.equals(request.getRequestURI());
    }

    private Optional<SessionAuthentication> authenticate(String token) {
        return sessions.find(token)
                .flatMap(found -> directory
                        .find(found.userName())
                        // A user removed from the directory since the sign-in has no session any more.
                        .filter(user -> !user.roles().isEmpty())
                        .map(user -> new SessionAuthentication(user, token, found.csrfToken())));
    }

    private static boolean sameToken(String sent, String expected) {
        return sent != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
