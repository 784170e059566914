package dev.supportdesk.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page every failure outside Spring MVC ends on (an exception from a filter, a
 * {@code sendError}), as problem+json in place of Spring Boot's own error JSON. Asked for directly,
 * {@code /error} is a path like any other that holds nothing: 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer statusCode)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.NOT_FOUND,
                    HttpStatus.NOT_FOUND.getReasonPhrase(),
                    ErrorDetails.of(HttpStatus.NOT_FOUND, request.getRequestURI()));
            return;
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null && DatabaseUnavailable.isCause(failure)) {
            ProblemHandler.DatabaseProblem problem = ProblemHandler.DatabaseProblem.of(failure);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", problem.detail());
            return;
        }
        if (failure != null) {
            UnreadableBody unreadable = UnreadableBody.of(failure);
            if (unreadable.status() == HttpStatus.PAYLOAD_TOO_LARGE) {
                problems.write(request, response, unreadable.status(), unreadable.title(), unreadable.detail());
                return;
            }
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = statusCode < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error(
                    "Request to {} failed with {}",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    statusCode,
                    failure);
        }
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problems.write(request, response, status, status.getReasonPhrase(), ErrorDetails.of(status, path));
    }
}
