package dev.supportdesk.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paths the sweep sends every method to: each path of the OpenAPI document the platform serves
 * ({@code /api/openapi.json}, the edge's merge of every service's own description), with a plausible value for
 * each query parameter an operation on it requires, so that a new endpoint is swept without editing the
 * generator; and what lies around the public API. Path variables stay templates ({@code {id}} a ticket,
 * anything else a name), which {@link RequestGenerator} fills with existing, unknown and hostile values.
 */
public final class ApiPaths {

    /**
     * Not in the public document: ticket-command's SYSTEM endpoints (sla-monitor's account only), the edge's
     * pages, actuator, the error page, the bare API root and a path nobody serves.
     */
    static final List<String> AROUND = List.of(
            "/api/tickets/{id}/sla/warnings",
            "/api/tickets/{id}/sla/breaches",
            "/",
            "/index.html",
            "/actuator/health",
            "/error",
            "/api",
            "/api/",
            "/nothing-here");

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiPaths() {}

    /** The paths of {@code document} (an OpenAPI 3 document) with their required query parameters, then AROUND. */
    public static List<String> fromOpenApi(JsonNode document) {
        JsonNode paths = document.path("paths");
        if (!paths.isObject() || paths.isEmpty()) {
            throw new IllegalArgumentException("the OpenAPI document names no paths");
        }
        Map<String, String> templates = new TreeMap<>();
        paths.properties().forEach(entry -> {
            String path = entry.getKey();
            Map<String, String> query = new LinkedHashMap<>();
            required(entry.getValue().path("parameters"), query);
            entry.getValue().properties().forEach(operation -> {
                if (OPERATIONS.contains(operation.getKey())) {
                    required(operation.getValue().path("parameters"), query);
                }
            });
            templates.put(normalised(path), withQuery(normalised(path), query));
        });
        List<String> all = new ArrayList<>(templates.values());
        AROUND.stream().filter(path -> !templates.containsKey(path)).forEach(all::add);
        return List.copyOf(all);
    }

    /** {@code {ticketId}} and the like name a ticket, as {@code {id}} does; the generator knows that one name. */
    private static String normalised(String path) {
        return path.replaceAll("\\{ticketId}", "{id}");
    }

    private static void required(JsonNode parameters, Map<String, String> query) {
        for (JsonNode parameter : parameters) {
            if ("query".equals(parameter.path("in").asText())
                    && parameter.path("required").asBoolean(false)) {
                String name = parameter.path("name").asText();
                query.putIfAbsent(name, sample(name, parameter.path("schema")));
            }
        }
    }

    /** A value of the parameter's type that a valid request could carry. */
    static String sample(String name, JsonNode schema) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asText();
        }
        if (schema.has("example")) {
            return schema.path("example").asText();
        }
        String format = schema.path("format").asText("");
        String type = schema.path("type").asText("string");
        if (format.equals("date-time")) {
            return "2026-01-01T00:00:00Z";
        }
        if (format.equals("date")) {
            return "2026-01-01";
        }
        if (type.equals("integer") || type.equals("number")) {
            return schema.has("minimum") ? schema.path("minimum").asText() : "0";
        }
        if (type.equals("boolean")) {
            return "false";
        }
        if (name.toLowerCase(Locale.ROOT).contains("ticket")) {
            return "{id}";
        }
        if (name.equals("actor")) {
            return "alice";
        }
        return "x";
    }

    private static String withQuery(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder target = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return target.toString();
    }
}
