package dev.supportdesk.edge.routing;

import java.util.Locale;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One line of the route table: requests whose method and path match go to {@code backend}.
 *
 * @param methods   the methods it takes; empty means every method, so that the owning service itself
 *                  answers 405 for a method it does not support
 * @param streaming the answer may stay open for a long time (server-sent events, NDJSON), so the edge
 *                  waits longer for it
 */
public record Route(Set<String> methods, PathPattern pattern, Backend backend, boolean streaming) {

    private static final PathPatternParser PARSER = new PathPatternParser();

    /** GET (and so HEAD, which every Spring backend answers like GET) on the pattern. */
    public static Route get(String pattern, Backend backend) {
        return new Route(Set.of("GET", "HEAD"), PARSER.parse(pattern), backend, false);
    }

    public static Route post(String pattern, Backend backend) {
        return new Route(Set.of("POST"), PARSER.parse(pattern), backend, false);
    }

    public static Route any(String pattern, Backend backend) {
        return new Route(Set.of(), PARSER.parse(pattern), backend, false);
    }

    public Route asStream() {
        return new Route(methods, pattern, backend, true);
    }

    boolean matches(String method, PathContainer path) {
        return (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT))) && pattern.matches(path);
    }

    @Override
    public String toString() {
        return (methods.isEmpty() ? "*" : String.join("|", methods)) + " " + pattern.getPatternString()
                + " -> " + backend.serviceName();
    }
}
