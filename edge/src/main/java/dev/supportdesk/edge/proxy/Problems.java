package dev.supportdesk.edge.proxy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The edge's own answers, in the same problem+json shape (RFC 9457) as every backend's. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper objectMapper;

    Problems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, status, detail, List.of());
    }

    /** With {@code errors: [{field, message}]}, as the API's validation problems carry them. */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
               List<QueryString.Problem> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON);
        // A caller that sent its own correlation id can still find this failure in its logs.
        String correlationId = request.getHeader(ProxyHeaders.CORRELATION_ID);
        if (correlationId != null) {
            response.setHeader(ProxyHeaders.CORRELATION_ID, correlationId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        byte[] bytes = objectMapper.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
