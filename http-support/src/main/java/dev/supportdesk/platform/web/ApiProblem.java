package dev.supportdesk.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal that the client should see as {@code application/problem+json}. Thrown anywhere in a
 * request; {@link ProblemHandler} turns it into the answer. Extra properties (such as the ticket's
 * current state on a 409) are added beside the standard members.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiProblem of(HttpStatus status, String title, String detail) {
        return new ApiProblem(status, title, detail, List.of());
    }

    public static ApiProblem badRequest(String detail, List<FieldProblem> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    public static ApiProblem badRequest(String field, String message) {
        return badRequest(field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public static ApiProblem forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return of(HttpStatus.CONFLICT, "Not allowed in the current state", detail);
    }

    public static ApiProblem preconditionFailed(String detail) {
        return of(HttpStatus.PRECONDITION_FAILED, "Stale version", detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused", detail);
    }

    /** Adds a member beside type, title, status and detail, e.g. {@code state} on a 409. */
    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
