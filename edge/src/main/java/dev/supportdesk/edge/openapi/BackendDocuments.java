package dev.supportdesk.edge.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.edge.proxy.BackendClient;
import dev.supportdesk.edge.routing.Backend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches each backend's own OpenAPI document, from whichever of its instances answers, and keeps it for
 * a short while: the document changes only with a deployment, and the docs page asks for it on every
 * load. A fetch that fails is not kept, so a backend that comes back is seen on the next request.
 */
final class BackendDocuments {

    private static final Logger log = LoggerFactory.getLogger(BackendDocuments.class);

    private record Cached(JsonNode document, Instant fetchedAt) {}

    private final BackendClient backends;
    private final OpenApiProperties properties;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Map<Backend, Cached> cache = new ConcurrentHashMap<>();

    BackendDocuments(BackendClient backends, OpenApiProperties properties, ObjectMapper objectMapper, Clock clock) {
        this.backends = backends;
        this.properties = properties;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** Completes with the document, or with null when the backend could not give one. */
    CompletableFuture<JsonNode> document(Backend backend) {
        Cached cached = cache.get(backend);
        if (cached != null && cached.fetchedAt().plus(properties.cacheTtl()).isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(cached.document());
        }
        return backends.sendAsync(
                        backend,
                        base -> HttpRequest.newBuilder(
                                        URI.create(withoutTrailingSlash(base) + properties.backendPath()))
                                .GET()
                                .timeout(backends.responseTimeout())
                                .header("Accept", "application/json")
                                .build(),
                        BodyHandlers.ofByteArray(),
                        () -> true)
                .handle((answer, error) -> {
                    JsonNode document = error == null ? parse(backend, answer) : null;
                    if (error != null) {
                        log.warn("OpenAPI document of {} not available: {}", backend.serviceName(), error.toString());
                    }
                    if (document != null) {
                        cache.put(backend, new Cached(document, clock.instant()));
                    }
                    return document;
                });
    }

    private JsonNode parse(Backend backend, HttpResponse<byte[]> answer) {
        if (answer.statusCode() != 200) {
            log.warn("OpenAPI document of {} not available: answered {}", backend.serviceName(), answer.statusCode());
            return null;
        }
        try {
            JsonNode document = objectMapper.readTree(answer.body());
            if (document.path("paths").isObject()) {
                return document;
            }
        } catch (IOException e) {
            // answered below
        }
        log.warn("OpenAPI document of {} not available: not an OpenAPI document", backend.serviceName());
        return null;
    }

    private static String withoutTrailingSlash(URI base) {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
