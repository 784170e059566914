package dev.supportdesk.edge.proxy;

import dev.supportdesk.edge.routing.Backend;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the backends live and how long the edge waits for them. Every default is written once, in
 * application.yml.
 *
 * @param backends              the base URLs of each service's instances, keyed by its service name
 *                              ({@code ticket-command: http://a:8081,http://b:8081}); one URL or a
 *                              comma-separated list
 * @param connectTimeout        an instance that does not accept a connection within it counts as down:
 *                              the next one is tried, and 502 follows when none accepts
 * @param responseTimeout       the longest wait for a backend's status line and headers (504 after it);
 *                              must exceed the query side's 5 s read-your-write wait. Once the headers
 *                              are in, the body streams for as long as the backend sends it.
 * @param streamResponseTimeout the same wait for streaming routes (events, NDJSON exports), which may
 *                              take longer to start
 * @param maxBodySize           the API's request body limit, refused here (413) before anything is forwarded
 */
@ConfigurationProperties("edge")
record EdgeProperties(
        Map<Backend, List<URI>> backends,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration streamResponseTimeout,
        DataSize maxBodySize) {

    EdgeProperties {
        Map<Backend, List<URI>> copy = new EnumMap<>(Backend.class);
        if (backends != null) {
            copy.putAll(backends);
        }
        for (Backend backend : Backend.values()) {
            List<URI> urls = copy.get(backend);
            String key = "edge.backends." + backend.serviceName();
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException(key + " must name at least one absolute http URL");
            }
            for (URI url : urls) {
                if (url == null
                        || !url.isAbsolute()
                        || url.getHost() == null
                        || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        || url.getRawQuery() != null
                        || url.getRawFragment() != null) {
                    throw new IllegalArgumentException(key + " must be absolute http URLs without query, got " + url);
                }
            }
            copy.put(backend, List.copyOf(urls));
        }
        backends = copy;
        requirePositive("edge.connect-timeout", connectTimeout);
        requirePositive("edge.response-timeout", responseTimeout);
        requirePositive("edge.stream-response-timeout", streamResponseTimeout);
        if (maxBodySize == null || maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(
                    "edge.max-body-size must be between 1 byte and 2 GB, got " + maxBodySize);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
    }
}
