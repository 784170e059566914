package dev.supportdesk.edge.proxy;

import dev.supportdesk.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** The edge's own answers, written by the platform's one problem writer (the same shape as every backend's). */
public final class Problems {

    private final ProblemWriter writer;

    Problems(ProblemWriter writer) {
        this.writer = writer;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        writer.write(request, response, status, status.getReasonPhrase(), detail);
    }
}
