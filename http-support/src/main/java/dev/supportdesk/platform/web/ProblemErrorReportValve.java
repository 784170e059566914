package dev.supportdesk.platform.web;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word as problem+json instead of its HTML error page: the answers Tomcat gives before any
 * servlet runs (a malformed request line, characters a URL may not hold, an encoded slash in a path
 * segment, headers too large, an unsupported HTTP version), and any error no servlet answered. Installed
 * on the host in place of {@link ErrorReportValve}; it keeps that valve's rules for when a report is due.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter problems;

    ProblemErrorReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
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
