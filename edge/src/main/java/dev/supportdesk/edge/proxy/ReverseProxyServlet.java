package dev.supportdesk.edge.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.supportdesk.edge.routing.EdgeEndpoint;
import dev.supportdesk.edge.routing.Route;
import dev.supportdesk.edge.routing.RouteTable;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/**
 * Streams each /api request to the service that owns it and the answer back, byte for byte, flushing
 * as bytes arrive so that server-sent events and NDJSON reach the client live. One container thread is
 * held per open call, which keeps the code plain; long-lived streams therefore count against the
 * server's thread pool, and the edge's stop ends them ({@link OpenStreams}).
 * <p>
 * Each route's service may run as several instances ({@link BackendClient} takes them in turn). The few
 * paths the edge answers itself (the projections list, the API description) go to their
 * {@link EdgeHandler} once path and query string have passed the same checks as proxied ones.
 */
final class ReverseProxyServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(ReverseProxyServlet.class);

    private final RouteTable routes;
    private final EdgeProperties properties;
    private final BackendClient backends;
    private final Problems problems;
    private final Map<EdgeEndpoint, EdgeHandler> edgeHandlers;
    private final OpenStreams openStreams;

    ReverseProxyServlet(
            RouteTable routes,
            EdgeProperties properties,
            BackendClient backends,
            Problems problems,
            Map<EdgeEndpoint, EdgeHandler> edgeHandlers,
            OpenStreams openStreams) {
        this.routes = routes;
        this.properties = properties;
        this.backends = backends;
        this.problems = problems;
        this.edgeHandlers = Map.copyOf(edgeHandlers);
        this.openStreams = openStreams;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = normalisedPath(request);
        Optional<Route> found = routes.find(request.getMethod(), path);
        if (found.isEmpty()) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "No API resource at " + path);
            return;
        }
        Route route = found.get();
        String query = request.getQueryString();
        String pathAndQuery = path + (query == null ? "" : "?" + query);
        try {
            URI.create("http://edge" + pathAndQuery);
        } catch (IllegalArgumentException e) {
            // http-support's request filter refused malformed escapes already; the last guard against a 500.
            problems.write(request, response, HttpStatus.BAD_REQUEST, "The request URI is malformed");
            return;
        }
        if (!route.proxied()) {
            EdgeHandler handler = edgeHandlers.get(route.edge());
            if (handler == null) {
                problems.write(request, response, HttpStatus.NOT_FOUND, "No API resource at " + path);
                return;
            }
            handler.serve(request, response);
            return;
        }

        long maxBody = properties.maxBodySize().toBytes();
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > maxBody) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxBody));
            return;
        }
        BodyPublisher body;
        AtomicBoolean bodyRead = new AtomicBoolean();
        if (declaredLength > 0) {
            // The length is known and within the limit: stream it on with that same Content-Length. The JDK
            // client asks for the stream only once it is connected, so a refused connection leaves it unread
            // and the next instance can still be sent the whole body.
            InputStream in = request.getInputStream();
            body = BodyPublishers.fromPublisher(
                    BodyPublishers.ofInputStream(() -> {
                        bodyRead.set(true);
                        return in;
                    }),
                    declaredLength);
        } else if (declaredLength < 0 && request.getHeader("Transfer-Encoding") != null) {
            // Chunked: the size shows only while reading, so take at most the limit before sending anything.
            byte[] bytes = request.getInputStream().readNBytes((int) maxBody + 1);
            if (bytes.length > maxBody) {
                problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxBody));
                return;
            }
            body = BodyPublishers.ofByteArray(bytes);
        } else {
            body = BodyPublishers.noBody();
        }

        HttpResponse<InputStream> upstream;
        try {
            upstream = backends.send(
                    route.backend(),
                    base -> upstreamRequest(request, route, base, pathAndQuery, body),
                    BodyHandlers.ofInputStream(),
                    () -> !bodyRead.get());
        } catch (HttpConnectTimeoutException e) {
            unavailable(request, response, route, HttpStatus.BAD_GATEWAY, "does not accept connections", e);
            return;
        } catch (HttpTimeoutException e) {
            unavailable(request, response, route, HttpStatus.GATEWAY_TIMEOUT, "did not answer in time", e);
            return;
        } catch (IOException e) {
            unavailable(request, response, route, HttpStatus.BAD_GATEWAY, "is not reachable", e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(request, response, route, HttpStatus.SERVICE_UNAVAILABLE, "call was interrupted", e);
            return;
        }
        try (InputStream upstreamBody = upstream.body()) {
            copyStatusAndHeaders(request, response, upstream);
            if (route.streaming()) {
                streamUntilStopped(upstreamBody, response);
            } else {
                stream(upstreamBody, response);
            }
        }
    }

    /**
     * A long-lived answer: copied like any other, but the edge's stop ends it (see {@link OpenStreams}), and the
     * client then sees it end cleanly. A stream starting while the edge stops ends as soon as it has begun.
     */
    private void streamUntilStopped(InputStream upstreamBody, HttpServletResponse response) throws IOException {
        if (!openStreams.enter(upstreamBody)) {
            response.flushBuffer();
            return;
        }
        try {
            stream(upstreamBody, response);
        } catch (IOException e) {
            // A read the stop ended is a clean end of the answer; any other failure escapes as before.
            if (!openStreams.leave(upstreamBody)) {
                throw e;
            }
        } finally {
            // Whatever ends the copy, the body leaves the registry (leave is idempotent).
            openStreams.leave(upstreamBody);
        }
    }

    private HttpRequest upstreamRequest(
            HttpServletRequest request, Route route, URI base, String pathAndQuery, BodyPublisher body) {
        URI target = URI.create(stripTrailingSlash(base.toString()) + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .method(request.getMethod(), body)
                .timeout(route.streaming() ? backends.streamResponseTimeout() : backends.responseTimeout());
        for (String name : ProxyHeaders.FORWARDED_REQUEST_HEADERS) {
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }

    private void copyStatusAndHeaders(
            HttpServletRequest request, HttpServletResponse response, HttpResponse<InputStream> upstream) {
        response.setStatus(upstream.statusCode());
        HttpHeaders headers = upstream.headers();
        List<String> connection = headers.allValues("Connection");
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            String name = header.getKey();
            if (!ProxyHeaders.copiedFromResponse(name, connection)) {
                continue;
            }
            for (String value : header.getValue()) {
                if (name.equalsIgnoreCase("Location") || name.equalsIgnoreCase("Content-Location")) {
                    value = ProxyHeaders.rewriteLocation(
                            value, ProxyHeaders.publicOrigin(request), backends.allInstances());
                }
                response.addHeader(name, value);
            }
        }
        headers.firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
    }

    private void stream(InputStream upstreamBody, HttpServletResponse response) throws IOException {
        OutputStream out = response.getOutputStream();
        // Send the status and headers now: an event stream may not produce its first byte for a while.
        try {
            response.flushBuffer();
        } catch (IOException clientGone) {
            return;
        }
        byte[] buffer = new byte[8192];
        int read;
        // A failure reading the backend escapes: the container then cuts the connection, so the client
        // sees a broken answer instead of a complete-looking truncated one.
        while ((read = upstreamBody.read(buffer)) != -1) {
            try {
                out.write(buffer, 0, read);
                if (upstreamBody.available() == 0) {
                    out.flush();
                }
            } catch (IOException clientGone) {
                // Closing the upstream body (try-with-resources in the caller) ends the backend call too.
                return;
            }
        }
    }

    private void unavailable(
            HttpServletRequest request,
            HttpServletResponse response,
            Route route,
            HttpStatus status,
            String what,
            Exception cause)
            throws IOException {
        String service = route.backend().serviceName();
        log.warn("{} {} -> {}: {} ({})", request.getMethod(), request.getRequestURI(), service, what, cause.toString());
        problems.write(request, response, status, service + " " + what);
    }

    /**
     * The path the container decoded and normalised (no "..", no path parameters), encoded again segment
     * by segment: the edge routes on exactly the path the backend will see.
     */
    static String normalisedPath(HttpServletRequest request) {
        String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return Arrays.stream(decoded.split("/", -1))
                .map(segment -> UriUtils.encodePathSegment(segment, UTF_8))
                .collect(Collectors.joining("/"));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String tooLarge(long maxBody) {
        return "The request body exceeds the limit of " + maxBody + " bytes";
    }
}
