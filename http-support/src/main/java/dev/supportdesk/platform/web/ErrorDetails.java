package dev.supportdesk.platform.web;

import org.springframework.http.HttpStatus;

/** The detail of an error answer that has nothing more specific to say, by status. */
final class ErrorDetails {

    private ErrorDetails() {}

    static String of(HttpStatus status, String path) {
        return switch (status) {
            case BAD_REQUEST ->
                "The request could not be understood: a malformed request line, a URL with characters"
                        + " it may not hold (such as an encoded slash in a path segment), or malformed headers";
            case UNAUTHORIZED -> "Sign in with valid credentials";
            case FORBIDDEN -> "Your role does not allow this";
            case NOT_FOUND -> path == null ? "There is nothing at this path" : "There is nothing at " + path;
            case METHOD_NOT_ALLOWED -> "This path does not take that method";
            case NOT_ACCEPTABLE -> "This path has nothing in a media type that the Accept header lists";
            case PAYLOAD_TOO_LARGE ->
                "The request body is larger than the limit of " + RequestSizeLimitFilter.LIMIT_BYTES + " bytes";
            case URI_TOO_LONG -> "The URL is too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
            case HTTP_VERSION_NOT_SUPPORTED -> "Only HTTP/1.1 and HTTP/1.0 are spoken here";
            default ->
                status.is5xxServerError()
                        ? "The request could not be completed; nothing was changed by it unless its answer said so"
                        : status.getReasonPhrase();
        };
    }
}
