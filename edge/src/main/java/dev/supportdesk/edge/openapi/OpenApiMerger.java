package dev.supportdesk.edge.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.supportdesk.edge.routing.Backend;
import dev.supportdesk.edge.routing.Route;
import dev.supportdesk.edge.routing.RouteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges the backends' OpenAPI documents into the one public document. Each operation is kept only
 * when the route table sends that method and path to the backend that documents it, so the public
 * document describes exactly what the public origin answers (an internal endpoint a backend still
 * documents stays out). Components of the same name that differ between backends are renamed with the
 * service's name in front, and that backend's references follow the new name.
 */
final class OpenApiMerger {

    static final String TITLE = "Support desk API";
    static final String SECURITY_SCHEME = "basicAuth";
    /** The console's session cookie (docs/api.md, "Authentication, roles and users"). */
    static final String SESSION_SCHEME = "sessionCookie";
    /** The session's CSRF token, which a change made with the cookie must carry. */
    static final String CSRF_SCHEME = "csrfToken";

    static final String SESSION_COOKIE = "SUPPORT_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The methods that change state: with the cookie they need the CSRF token. */
    private static final Set<String> UNSAFE = Set.of("post", "put", "patch", "delete");
    /** Signing in takes the user name and password in its body and no credential (a cookie sent is ignored). */
    private static final String SIGN_IN_PATH = "/api/session";

    private static final Set<String> OPERATIONS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final RouteTable routes;
    private final ObjectMapper objectMapper;

    OpenApiMerger(RouteTable routes, ObjectMapper objectMapper) {
        this.routes = routes;
        this.objectMapper = objectMapper;
    }

    /** A backend's own document, as it served it. */
    record BackendDocument(Backend backend, JsonNode document) {}

    /**
     * @param documents   in the order their paths should appear
     * @param edgePaths   path items the edge serves itself, added as they are
     * @param serverUrl   the public origin the client called
     * @param unavailable services whose document could not be fetched
     */
    ObjectNode merge(
            List<BackendDocument> documents, ObjectNode edgePaths, String serverUrl, List<String> unavailable) {
        ObjectNode merged = objectMapper.createObjectNode();
        merged.put(
                "openapi",
                documents.stream()
                        .map(d -> d.document().path("openapi").asText(""))
                        .filter(v -> !v.isEmpty())
                        .findFirst()
                        .orElse("3.0.1"));
        ObjectNode info = merged.putObject("info");
        info.put("title", TITLE);
        info.put("version", "1");
        info.put(
                "description",
                "The public HTTP API of the support desk, as served through its one public origin. "
                        + "Every /api call takes HTTP Basic credentials or the console's session cookie "
                        + SESSION_COOKIE + "; a change (POST, PUT, PATCH, DELETE) made with the cookie also "
                        + "sends the session's token as " + CSRF_HEADER + ".");
        merged.putArray("servers").addObject().put("url", serverUrl).put("description", "the public origin");
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray(SECURITY_SCHEME);
        security.addObject().putArray(SESSION_SCHEME);
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");

        for (BackendDocument source : documents) {
            ObjectNode document = source.document().deepCopy();
            renameClashingComponents(document, components, source.backend());
            mergePaths(document.path("paths"), paths, source.backend());
            mergeComponents(document.path("components"), components);
            for (JsonNode tag : document.path("tags")) {
                tags.add(tag);
            }
        }
        edgePaths.properties().forEach(path -> paths.set(path.getKey(), path.getValue()));
        paths.properties().forEach(path -> secure(path.getKey(), (ObjectNode) path.getValue()));

        ObjectNode schemes = components.has("securitySchemes")
                ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes");
        schemes.putObject(SECURITY_SCHEME).put("type", "http").put("scheme", "basic");
        schemes.putObject(SESSION_SCHEME)
                .put("type", "apiKey")
                .put("in", "cookie")
                .put("name", SESSION_COOKIE)
                .put("description", "The console's session, from POST /api/session");
        schemes.putObject(CSRF_SCHEME)
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", CSRF_HEADER)
                .put("description", "The session's csrfToken; with the session cookie, a change needs it");
        if (!unavailable.isEmpty()) {
            merged.set("x-unavailable", objectMapper.valueToTree(unavailable));
        }
        return merged;
    }

    /**
     * Each operation's security as docs/api.md describes it: HTTP Basic, or the session cookie, which a change
     * must send together with the CSRF token. An operation that names its own (the edge's pages: none) keeps it.
     */
    private void secure(String template, ObjectNode item) {
        item.properties().forEach(field -> {
            String method = field.getKey();
            if (!OPERATIONS.contains(method) || !(field.getValue() instanceof ObjectNode operation)) {
                return;
            }
            if (operation.has("security")) {
                return;
            }
            ArrayNode alternatives = operation.putArray("security");
            if (template.equals(SIGN_IN_PATH) && method.equals("post")) {
                return;
            }
            alternatives.addObject().putArray(SECURITY_SCHEME);
            ObjectNode session = alternatives.addObject();
            session.putArray(SESSION_SCHEME);
            if (UNSAFE.contains(method)) {
                session.putArray(CSRF_SCHEME);
            }
        });
    }

    private void mergePaths(JsonNode sourcePaths, ObjectNode paths, Backend backend) {
        sourcePaths.properties().forEach(entry -> {
            String template = entry.getKey();
            ObjectNode item = (ObjectNode) entry.getValue();
            ObjectNode kept = objectMapper.createObjectNode();
            item.properties().forEach(field -> {
                boolean operation = OPERATIONS.contains(field.getKey());
                if (!operation || publiclyServedBy(field.getKey(), template, backend)) {
                    kept.set(field.getKey(), field.getValue());
                }
            });
            if (kept.properties().stream().noneMatch(field -> OPERATIONS.contains(field.getKey()))) {
                return;
            }
            ObjectNode target = paths.has(template) ? (ObjectNode) paths.get(template) : paths.putObject(template);
            // Two services may document one path (the projections list): the first one's operation stays.
            kept.properties().forEach(field -> {
                if (!target.has(field.getKey())) {
                    target.set(field.getKey(), field.getValue());
                }
            });
        });
    }

    /** Whether the public origin sends this method and path to this backend (or answers it from it). */
    boolean publiclyServedBy(String method, String template, Backend backend) {
        String example = template.replaceAll("\\{[^/}]+}", "x");
        return routes.find(method.toUpperCase(Locale.ROOT), example)
                .map(route -> route.proxied() ? route.backend() == backend : servesThrough(route, backend))
                .orElse(false);
    }

    private static boolean servesThrough(Route route, Backend backend) {
        return switch (route.edge()) {
            case PROJECTIONS -> backend == Backend.TICKET_QUERY || backend == Backend.SLA_MONITOR;
            case OPENAPI, API_DOCS -> false;
        };
    }

    private void renameClashingComponents(ObjectNode document, ObjectNode merged, Backend backend) {
        JsonNode sourceComponents = document.path("components");
        Map<String, String> renamedRefs = new HashMap<>();
        sourceComponents.properties().forEach(section -> {
            JsonNode existing = merged.path(section.getKey());
            List<String> clashing = new ArrayList<>();
            section.getValue().fieldNames().forEachRemaining(name -> {
                if (existing.has(name)
                        && !existing.get(name).equals(section.getValue().get(name))) {
                    clashing.add(name);
                }
            });
            ObjectNode sectionNode = (ObjectNode) section.getValue();
            for (String name : clashing) {
                String renamed = prefix(backend) + name;
                sectionNode.set(renamed, sectionNode.remove(name));
                renamedRefs.put(
                        "#/components/" + section.getKey() + "/" + name,
                        "#/components/" + section.getKey() + "/" + renamed);
            }
        });
        if (!renamedRefs.isEmpty()) {
            rewriteRefs(document, renamedRefs);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                rewriteRefs(children.next(), renamed);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renamed));
        }
    }

    private static void mergeComponents(JsonNode sourceComponents, ObjectNode components) {
        sourceComponents.properties().forEach(section -> {
            ObjectNode target = components.has(section.getKey())
                    ? (ObjectNode) components.get(section.getKey())
                    : components.putObject(section.getKey());
            section.getValue().properties().forEach(component -> target.set(component.getKey(), component.getValue()));
        });
    }

    /** {@code ticket-query} becomes {@code TicketQuery}, a prefix that keeps component names valid. */
    private static String prefix(Backend backend) {
        StringBuilder prefix = new StringBuilder();
        for (String part : backend.serviceName().split("-")) {
            prefix.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return prefix.toString();
    }
}
