package dev.supportdesk.edge.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.edge.proxy.BackendClient;
import dev.supportdesk.edge.proxy.EdgeHandler;
import dev.supportdesk.edge.proxy.Problems;
import dev.supportdesk.edge.routing.Backend;
import dev.supportdesk.edge.routing.EdgeEndpoint;
import dev.supportdesk.platform.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/admin/projections}: every consumer of the ticket topic runs in ticket-query or in
 * sla-monitor, and each reports on its own. The edge asks both at once, with the caller's credentials
 * and correlation id, and answers their {@code items} in one list, ticket-query's first. A service that
 * cannot be asked is named under {@code unavailable} rather than failing the whole answer, so the page
 * an operator looks at during an incident still shows what is known; a refusal of the caller (401, 403)
 * is passed through as it is, since the caller may not see the list at all.
 */
@Component
class ProjectionsFanOut implements EdgeHandler {

    static final String PATH = "/api/admin/projections";
    /** The services that serve the path, in the order of the merged list. */
    static final List<Backend> SERVICES = List.of(Backend.TICKET_QUERY, Backend.SLA_MONITOR);

    private static final Logger log = LoggerFactory.getLogger(ProjectionsFanOut.class);

    private final BackendClient backends;
    private final Problems problems;
    private final ObjectMapper objectMapper;

    ProjectionsFanOut(BackendClient backends, Problems problems, ObjectMapper objectMapper) {
        this.backends = backends;
        this.problems = problems;
        this.objectMapper = objectMapper;
    }

    @Override
    public EdgeEndpoint endpoint() {
        return EdgeEndpoint.PROJECTIONS;
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String correlationId = request.getHeader(CorrelationId.HEADER);
        if (correlationId == null || correlationId.isBlank()) {
            // One id for both calls, so that their logs can be read together.
            correlationId = UUID.randomUUID().toString();
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        Map<Backend, CompletableFuture<Outcome>> calls = new LinkedHashMap<>();
        for (Backend service : SERVICES) {
            calls.put(
                    service,
                    ask(
                            service,
                            request.getHeader("Authorization"),
                            request.getHeader("Cookie"),
                            correlationId,
                            query));
        }

        ArrayNode items = objectMapper.createArrayNode();
        List<String> unavailable = new ArrayList<>();
        for (Map.Entry<Backend, CompletableFuture<Outcome>> call : calls.entrySet()) {
            Outcome outcome = call.getValue().join();
            if (outcome.refusal() != null) {
                passThrough(outcome.refusal(), correlationId, response);
                return;
            }
            if (outcome.items() == null) {
                log.warn("GET {} -> {}: {}", PATH, call.getKey().serviceName(), outcome.failure());
                unavailable.add(call.getKey().serviceName());
            } else {
                items.addAll(outcome.items());
            }
        }
        response.setHeader(CorrelationId.HEADER, correlationId);
        if (unavailable.size() == SERVICES.size()) {
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_GATEWAY,
                    "No service answered for the projections: " + String.join(", ", unavailable));
            return;
        }
        ObjectNode body = objectMapper.createObjectNode();
        body.set("items", items);
        if (!unavailable.isEmpty()) {
            body.set("unavailable", objectMapper.valueToTree(unavailable));
        }
        byte[] bytes = objectMapper.writeValueAsBytes(body);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The answer of one service: its items, the caller's refusal, or why it could not be used. */
    private record Outcome(ArrayNode items, HttpResponse<byte[]> refusal, String failure) {}

    private CompletableFuture<Outcome> ask(
            Backend service, String authorization, String cookie, String correlationId, String query) {
        return backends.sendAsync(
                        service,
                        base -> {
                            HttpRequest.Builder builder = HttpRequest.newBuilder(
                                            URI.create(withoutTrailingSlash(base) + PATH + query))
                                    .GET()
                                    .timeout(backends.responseTimeout())
                                    .header("Accept", "application/json")
                                    .header(CorrelationId.HEADER, correlationId);
                            if (authorization != null) {
                                builder.header("Authorization", authorization);
                            }
                            if (cookie != null) {
                                builder.header("Cookie", cookie);
                            }
                            return builder.build();
                        },
                        BodyHandlers.ofByteArray(),
                        () -> true)
                .handle((answer, error) ->
                        error != null ? new Outcome(null, null, error.toString()) : outcomeOf(answer));
    }

    private Outcome outcomeOf(HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        if (status == 401 || status == 403) {
            return new Outcome(null, answer, null);
        }
        if (status != 200) {
            return new Outcome(null, null, "answered " + status);
        }
        try {
            JsonNode items = objectMapper.readTree(answer.body()).path("items");
            if (items instanceof ArrayNode array) {
                return new Outcome(array, null, null);
            }
            return new Outcome(null, null, "answered without an items list");
        } catch (IOException notJson) {
            return new Outcome(null, null, "answered something that is not JSON");
        }
    }

    private static void passThrough(HttpResponse<byte[]> refusal, String correlationId, HttpServletResponse response)
            throws IOException {
        response.setStatus(refusal.statusCode());
        for (String name : List.of("Content-Type", "WWW-Authenticate", "Cache-Control")) {
            refusal.headers().allValues(name).forEach(value -> response.addHeader(name, value));
        }
        response.setHeader(CorrelationId.HEADER, correlationId);
        response.setContentLength(refusal.body().length);
        response.getOutputStream().write(refusal.body());
    }

    private static String withoutTrailingSlash(URI base) {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
