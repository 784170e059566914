package dev.supportdesk.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring Security's refusals as problems, in services that have it. Its firewall (encoded slashes,
 * {@code ;}, {@code %25}, {@code //}, non-printable characters) rejects before any controller runs, and
 * again lazily when a controller reads a header or parameter: both places answer 400 here.
 */
final class SecurityProblems {

    private SecurityProblems() {}

    /** Ahead of {@link ProblemHandler}, whose catch-all would otherwise take these first. */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Handler {

        @ExceptionHandler(AccessDeniedException.class)
        ResponseEntity<Object> accessDenied(AccessDeniedException e) {
            return ProblemHandler.respond(
                    HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this", List.of());
        }

        @ExceptionHandler(AuthenticationException.class)
        ResponseEntity<Object> unauthenticated(AuthenticationException e) {
            return ProblemHandler.respond(
                    HttpStatus.UNAUTHORIZED, "Unauthorized", "Sign in with valid credentials", List.of());
        }

        @ExceptionHandler(RequestRejectedException.class)
        ResponseEntity<Object> rejected(RequestRejectedException e) {
            return ProblemHandler.respond(HttpStatus.BAD_REQUEST, REJECTED_TITLE, e.getMessage(), List.of());
        }
    }

    static final String REJECTED_TITLE = "Request refused";

    /** The firewall's answer before the chain: Spring Security's default would send a bare 400 page. */
    static final class Rejected implements RequestRejectedHandler {
        private final ProblemWriter problems;

        Rejected(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
                throws IOException {
            problems.write(request, response, HttpStatus.BAD_REQUEST, REJECTED_TITLE, e.getMessage());
        }
    }
}
