package dev.supportdesk.edge.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.edge.proxy.EdgeHandler;
import dev.supportdesk.edge.proxy.ProxyHeaders;
import dev.supportdesk.edge.routing.Backend;
import dev.supportdesk.edge.routing.EdgeEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/openapi.json}: one OpenAPI 3 document for the whole public API, merged from every
 * backend's own, with the public origin as its server. A backend that cannot be asked leaves its paths
 * out and is named under {@code x-unavailable}; the rest of the document is still served.
 */
final class OpenApiDocument implements EdgeHandler {

    private final BackendDocuments documents;
    private final OpenApiMerger merger;
    private final ObjectMapper objectMapper;

    OpenApiDocument(BackendDocuments documents, OpenApiMerger merger, ObjectMapper objectMapper) {
        this.documents = documents;
        this.merger = merger;
        this.objectMapper = objectMapper;
    }

    @Override
    public EdgeEndpoint endpoint() {
        return EdgeEndpoint.OPENAPI;
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<Backend, CompletableFuture<JsonNode>> fetches = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            fetches.put(backend, documents.document(backend));
        }
        List<OpenApiMerger.BackendDocument> fetched = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        fetches.forEach((backend, fetch) -> {
            JsonNode document = fetch.join();
            if (document == null) {
                unavailable.add(backend.serviceName());
            } else {
                fetched.add(new OpenApiMerger.BackendDocument(backend, document));
            }
        });
        ObjectNode merged = merger.merge(fetched, edgePaths(), ProxyHeaders.publicOrigin(request), unavailable);
        byte[] bytes = objectMapper.writeValueAsBytes(merged);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The edge's own two paths: this document and the page that shows it. */
    private ObjectNode edgePaths() {
        ObjectNode paths = objectMapper.createObjectNode();
        ObjectNode document = paths.putObject("/api/openapi.json").putObject("get");
        document.putArray("tags").add("api-description");
        document.put("summary", "This document: the public API in OpenAPI 3");
        document.put("operationId", "openApiDocument");
        document.putArray("security");
        document.putObject("responses")
                .putObject("200")
                .put("description", "The OpenAPI document")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("type", "object");
        ObjectNode page = paths.putObject("/api/docs").putObject("get");
        page.putArray("tags").add("api-description");
        page.put("summary", "Swagger UI over this document");
        page.put("operationId", "apiDocsPage");
        page.putArray("security");
        page.putObject("responses")
                .putObject("200")
                .put("description", "An HTML page")
                .putObject("content")
                .putObject("text/html")
                .putObject("schema")
                .put("type", "string");
        return paths;
    }
}
