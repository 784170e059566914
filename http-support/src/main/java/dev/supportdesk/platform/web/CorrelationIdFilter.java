package dev.supportdesk.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's correlation id in {@link CorrelationId}, the log context and the response header, and gives
 * the request an id of its own ({@link RequestId}), which no caller chooses.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.accept(request.getHeader(CorrelationId.HEADER));
        CorrelationId.set(id);
        MDC.put("correlationId", id);
        response.setHeader(CorrelationId.HEADER, id);
        String requestId = RequestId.begin();
        MDC.put("requestId", requestId);
        response.setHeader(RequestId.HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
            MDC.remove("requestId");
            CorrelationId.clear();
            RequestId.clear();
        }
    }
}
