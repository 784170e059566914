package dev.supportdesk.edge.openapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the edge builds the public OpenAPI document. Every default is written once, in application.yml.
 *
 * @param backendPath where each backend serves its own OpenAPI document (springdoc's {@code /v3/api-docs})
 * @param cacheTtl    how long a backend's document is reused before it is fetched again; a failed fetch
 *                    is not kept
 */
@ConfigurationProperties("edge.openapi")
record OpenApiProperties(String backendPath, Duration cacheTtl) {

    OpenApiProperties {
        if (backendPath == null || !backendPath.startsWith("/") || backendPath.startsWith("/api/")) {
            throw new IllegalArgumentException(
                    "edge.openapi.backend-path must be a path outside /api, got " + backendPath);
        }
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("edge.openapi.cache-ttl must be zero or positive, got " + cacheTtl);
        }
    }
}
