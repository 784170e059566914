package dev.supportdesk.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json answer straight to the servlet response, for the places that run before or
 * outside Spring MVC (servlet filters, the security entry points, the error page, Tomcat's error valve,
 * the edge's proxy), where no controller advice can help. The members are those of every other problem
 * answer: {@code type, title, status, detail, instance, errors}.
 */
public class ProblemWriter {

    private final ObjectMapper objectMapper = PlatformJson.base();

    public void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        write(null, response, status, title, detail, List.of());
    }

    public void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        write(request, response, status, title, detail, List.of());
    }

    /**
     * @param request when given, its path becomes {@code instance} and a sensible {@code X-Correlation-Id}
     *                it carries is echoed if nothing set one on the response yet
     */
    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String title,
            String detail,
            List<FieldProblem> errors)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.SERVICE_UNAVAILABLE && response.getHeader(HttpHeaders.RETRY_AFTER) == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (request != null) {
            Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
            String instance = original != null ? original.toString() : request.getRequestURI();
            if (instance != null) {
                body.put("instance", instance);
            }
            String correlationId = request.getHeader(CorrelationId.HEADER);
            if (response.getHeader(CorrelationId.HEADER) == null && CorrelationId.acceptable(correlationId)) {
                response.setHeader(CorrelationId.HEADER, correlationId);
            }
        }
        body.put("errors", errors);
        byte[] bytes = objectMapper.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IllegalStateException writerInUse) {
            // The failing code had taken the writer; the body is ASCII-safe JSON either way.
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
