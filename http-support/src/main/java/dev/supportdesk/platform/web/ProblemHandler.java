package dev.supportdesk.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every way a request can go wrong into {@code application/problem+json}: what the client sent
 * wrong gets a 4xx that says which field and why; a database that cannot be reached a 503 with
 * {@code Retry-After}; anything else a 500 that says nothing about the inside (the log has the details,
 * under the correlation id).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ProblemDetail body = problem(problem.status(), problem.title(), problem.detail(), problem.errors());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "invalid value '" + UnreadableBody.echo(e.getValue()) + "'"
                + UnreadableBody.allowedValues(e.getRequiredType());
        return respond(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                e.getName() + ": " + message,
                List.of(new FieldProblem(e.getName(), message)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure while serving a request", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request could not be completed; nothing was changed by it unless its answer said so",
                List.of());
    }

    /**
     * 503 with Retry-After: what every path answers while the database cannot be reached, or while every
     * connection to it stays in use (an overload: the detail says so, and the wait is shorter).
     */
    static ResponseEntity<Object> databaseUnavailable(Throwable failure) {
        DatabaseProblem problem = DatabaseProblem.of(failure);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", problem.detail(), List.of()));
    }

    /** What a 503 for a database failure says and how long it asks the client to wait; logged once here. */
    record DatabaseProblem(String detail, int retryAfterSeconds) {

        static final String UNREACHABLE = "The database cannot be reached right now; retry in a few seconds. "
                + "A command answered this way was not stored, unless the database failed while committing it";

        static final String BUSY = "Every database connection of the service stayed in use: it is overloaded, "
                + "not down; retry in a second";

        static DatabaseProblem of(Throwable failure) {
            if (DatabaseUnavailable.allConnectionsBusy(failure)) {
                log.warn("Every database connection was in use while serving a request: {}", failure.toString());
                return new DatabaseProblem(BUSY, DatabaseUnavailable.BUSY_RETRY_AFTER_SECONDS);
            }
            log.warn("Database unavailable while serving a request: {}", failure.toString());
            return new DatabaseProblem(UNREACHABLE, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        UnreadableBody unreadable = UnreadableBody.of(e);
        return respond(unreadable.status(), unreadable.title(), unreadable.detail(), unreadable.errors());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::fieldProblem)
                .toList();
        if (errors.isEmpty()) {
            errors = e.getBindingResult().getGlobalErrors().stream()
                    .map(error -> new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
                    .toList();
        }
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // Every answer of the base class gets the same members as ours, errors included.
        if (body instanceof ProblemDetail detail && detail.getProperties() == null) {
            detail.setProperty("errors", List.of());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static FieldProblem fieldProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    static ResponseEntity<Object> respond(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        return ResponseEntity.status(status).body(problem(status, title, detail, errors));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setProperty("errors", errors);
        return body;
    }

    private static String summary(List<FieldProblem> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
