package dev.supportdesk.platform.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word as problem+json instead of its HTML error page: the answers Tomcat gives before any
 * servlet runs (a malformed request line, characters a URL may not hold, an encoded slash in a path
 * segment, headers too large, an unsupported HTTP version), and any error no servlet answered, including
 * an error status set without a body (Tomcat reports only {@code sendError}). Installed on the host in
 * place of {@link ErrorReportValve}; it keeps that valve's rules for when a report is due.
 * <p>
 * Some of Tomcat's own verdicts are answered otherwise here, before the request goes any further, so that
 * no servlet, filter or proxied backend sees them:
 * <ul>
 *     <li>an HTTP/0.9 request line (no HTTP version): {@code 400}. Tomcat 10.1 still routes such a request
 *     like any other; its answer can only be a bare body, HTTP/0.9 having no status line;</li>
 *     <li>{@code TRACE} (Tomcat's empty 405, whose {@code Allow} names the servlet's methods) and
 *     {@code CONNECT} (Tomcat's 501: this server is no proxy): {@code 405} with {@link #SPOKEN_METHODS} in
 *     {@code Allow}. Both are refused before the request is mapped to any handler, so no path's own methods
 *     are known;</li>
 *     <li>a {@code Transfer-Encoding} other than {@code chunked} (Tomcat's 501): {@code 400}, since the
 *     body cannot be framed; the connection is closed after the answer.</li>
 * </ul>
 */
class ProblemErrorReportValve extends ErrorReportValve {

    /** Every method some path of the platform may take; never TRACE or CONNECT. */
    static final String SPOKEN_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final ProblemWriter problems;

    ProblemErrorReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!refusedBeforeAnyServlet(request, response)) {
            super.invoke(request, response);
        }
    }

    private boolean refusedBeforeAnyServlet(Request request, Response response) throws IOException {
        String method = request.getMethod();
        int status = response.getStatus();
        // Tomcat's mark of HTTP/0.9; a request line that failed to parse has HTTP/1.1 or nothing.
        if ("".equals(request.getProtocol())) {
            refuse(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "HTTP/0.9 is not spoken here: end the request line with" + " HTTP/1.1",
                    List.of());
        } else if ("TRACE".equals(method) && status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            response.setHeader(HttpHeaders.ALLOW, SPOKEN_METHODS);
            refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, "TRACE is not served on any path", List.of());
        } else if ("CONNECT".equals(method) && status == HttpStatus.NOT_IMPLEMENTED.value()) {
            response.setHeader(HttpHeaders.ALLOW, SPOKEN_METHODS);
            refuse(
                    request,
                    response,
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "CONNECT is not served: this server opens no" + " tunnels",
                    List.of());
        } else if (status == HttpStatus.NOT_IMPLEMENTED.value()
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            String message = "names a transfer coding the server cannot read: send the body with Content-Length or"
                    + " with Transfer-Encoding: chunked";
            refuse(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    HttpHeaders.TRANSFER_ENCODING + ": " + message,
                    List.of(new FieldProblem(HttpHeaders.TRANSFER_ENCODING, message)));
        } else {
            return false;
        }
        return true;
    }

    private void refuse(Request request, Response response, HttpStatus status, String detail, List<FieldProblem> errors)
            throws IOException {
        // Tomcat may have called sendError already, which suspends the response until an error page writes it.
        response.setSuspended(false);
        response.setErrorReported();
        String title = status == HttpStatus.BAD_REQUEST ? "Invalid request" : status.getReasonPhrase();
        problems.write(request, response, status, title, detail, errors);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        // A status set without sendError leaves no error to report: report it all the same, once.
        response.setError();
        if (!response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            resolved = status < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        try {
            problems.write(request, response, resolved, resolved.getReasonPhrase(), ErrorDetails.of(resolved, null));
        } catch (Exception e) {
            // The connection is going away; there is nobody left to tell.
        }
    }
}
