package dev.supportdesk.edge.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One line of the route table: requests whose method and path match go to {@code backend}, or are
 * answered by the edge itself when {@code edge} is set.
 *
 * @param methods   the methods it takes; empty means every method, so that the owning service itself
 *                  answers 405 for a method it does not support
 * @param backend   the service the request is streamed to; null for an edge endpoint
 * @param streaming the answer may stay open for a long time (server-sent events, NDJSON), so the edge
 *                  waits longer for it
 * @param edge      the endpoint the edge serves itself; null for a proxied route
 */
public record Route(Set<String> methods, PathPattern pattern, Backend backend, boolean streaming, EdgeEndpoint edge) {

    private static final PathPatternParser PARSER = new PathPatternParser();

    public Route {
        methods = Set.copyOf(methods);
        Objects.requireNonNull(pattern, "pattern");
        if ((backend == null) == (edge == null)) {
            throw new IllegalArgumentException(
                    "A route goes to a backend or to an edge endpoint, not both: " + pattern);
        }
    }

    /** GET (and so HEAD, which every Spring backend answers like GET) on the pattern. */
    public static Route get(String pattern, Backend backend) {
        return new Route(Set.of("GET", "HEAD"), PARSER.parse(pattern), backend, false, null);
    }

    public static Route post(String pattern, Backend backend) {
        return new Route(Set.of("POST"), PARSER.parse(pattern), backend, false, null);
    }

    public static Route any(String pattern, Backend backend) {
        return new Route(Set.of(), PARSER.parse(pattern), backend, false, null);
    }

    /** GET and HEAD on the pattern, answered by the edge. */
    public static Route edge(String pattern, EdgeEndpoint endpoint) {
        return new Route(Set.of("GET", "HEAD"), PARSER.parse(pattern), null, false, endpoint);
    }

    public Route asStream() {
        return new Route(methods, pattern, backend, true, edge);
    }

    public boolean proxied() {
        return backend != null;
    }

    boolean matches(String method, PathContainer path) {
        return (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT))) && pattern.matches(path);
    }

    @Override
    public String toString() {
        return (methods.isEmpty() ? "*" : String.join("|", methods)) + " " + pattern.getPatternString() + " -> "
                + (proxied() ? backend.serviceName() : "edge " + edge);
    }
}
