package dev.supportdesk.platform.security;

import dev.supportdesk.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

/**
 * 401 and 403 as problem+json, with the Basic challenge a client needs to retry with credentials. A refused
 * Basic sign-in is counted first, and its answer held back by the {@link SignInThrottle}.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;
    private final SignInThrottle throttle;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    ProblemSecurityHandlers(ProblemWriter problems, SignInThrottle throttle) {
        this.problems = problems;
        this.throttle = throttle;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof BadCredentialsException) {
            String user = attemptedUser(request);
            if (user != null) {
                throttle.failed(user, request.getRemoteAddr());
            }
        }
        // A browser that meets a Basic challenge asks for a password in a dialog of its own; the console, whose
        // session ran out, shows its own sign-in page instead.
        if (SessionCookies.token(request) == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"support-desk\"");
        }
        problems.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                "Sign in with a valid user name and password (HTTP Basic)");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this");
    }

    /** The user name of the request's Basic credentials; null when it has none or they cannot be read. */
    private String attemptedUser(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken credentials = basic.convert(request);
            return credentials == null ? null : credentials.getName();
        } catch (AuthenticationException unreadable) {
            return null;
        }
    }
}
