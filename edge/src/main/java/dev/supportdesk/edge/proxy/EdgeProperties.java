package dev.supportdesk.edge.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.supportdesk.edge.routing.Backend;

/**
 * Where the backends live and how long the edge waits for them.
 *
 * @param backends              base URL of each service, keyed by its service name ({@code ticket-command: http://..})
 * @param connectTimeout        a backend that does not accept a connection within it is down (502)
 * @param responseTimeout       the longest wait for a backend's status line and headers (504 after it);
 *                              must exceed the query side's 5 s read-your-write wait. Once the headers
 *                              are in, the body streams for as long as the backend sends it.
 * @param streamResponseTimeout the same wait for streaming routes (events, NDJSON exports), which may
 *                              take longer to start
 * @param maxBodySize           the API's request body limit, refused here (413) before anything is forwarded
 */
@ConfigurationProperties("edge")
record EdgeProperties(
        Map<Backend, URI> backends,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("1h") Duration streamResponseTimeout,
        @DefaultValue("1MB") DataSize maxBodySize) {

    EdgeProperties {
        Map<Backend, URI> copy = new EnumMap<>(Backend.class);
        if (backends != null) {
            copy.putAll(backends);
        }
        backends = copy;
        for (Backend backend : Backend.values()) {
            URI uri = backends.get(backend);
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("edge.backends." + backend.serviceName()
                        + " must be an absolute http URL, got " + uri);
            }
        }
    }

    URI baseUrl(Backend backend) {
        return backends.get(backend);
    }
}
