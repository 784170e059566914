package dev.supportdesk.edge.proxy;

import dev.supportdesk.platform.web.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the edge. Requests carry only the end-to-end headers the API uses, so nothing a
 * client invents (least of all a user name) reaches a backend unless the API names it; answers carry
 * everything but hop-by-hop headers.
 */
public final class ProxyHeaders {

    /** Content-Length is not in the list: the JDK client sets it itself from the body's known length. */
    static final List<String> FORWARDED_REQUEST_HEADERS = List.of(
            "Authorization",
            // The console's session cookie and its CSRF token; every backend checks both itself.
            "Cookie",
            "X-CSRF-Token",
            "Content-Type",
            "Accept",
            "Accept-Language",
            "Cache-Control",
            "If-Match",
            "If-None-Match",
            "If-Modified-Since",
            "If-Unmodified-Since",
            "Idempotency-Key",
            CorrelationId.HEADER,
            "Last-Event-ID");

    /** RFC 9110 section 7.6.1, plus what the servlet container writes for its own connection. */
    private static final Set<String> NOT_COPIED_FROM_RESPONSE = caseInsensitive(
            "Connection",
            "Keep-Alive",
            "Proxy-Authenticate",
            "Proxy-Authorization",
            "Proxy-Connection",
            "TE",
            "Trailer",
            "Transfer-Encoding",
            "Upgrade",
            "Content-Length",
            "Date",
            "Server");

    private ProxyHeaders() {}

    /**
     * @param connectionHeader the response's Connection header values, which may name further
     *                         hop-by-hop headers
     */
    static boolean copiedFromResponse(String name, List<String> connectionHeader) {
        if (name.startsWith(":") || NOT_COPIED_FROM_RESPONSE.contains(name)) {
            return false;
        }
        return connectionHeader.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .noneMatch(token -> token.trim().equalsIgnoreCase(name));
    }

    /**
     * A backend builds absolute Locations from the address the edge called it on; the client must get
     * the same path on the public origin instead. Locations elsewhere are left alone.
     */
    static String rewriteLocation(String location, String publicOrigin, Iterable<URI> backendOrigins) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException notAUri) {
            return location;
        }
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            return location;
        }
        for (URI backend : backendOrigins) {
            if (sameOrigin(uri, backend)) {
                StringBuilder rewritten = new StringBuilder(publicOrigin).append(uri.getRawPath());
                if (uri.getRawQuery() != null) {
                    rewritten.append('?').append(uri.getRawQuery());
                }
                if (uri.getRawFragment() != null) {
                    rewritten.append('#').append(uri.getRawFragment());
                }
                return rewritten.toString();
            }
        }
        return location;
    }

    /** The origin the client called, e.g. {@code https://desk.example.com}, as the container sees it. */
    public static String publicOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Arrays.asList(names));
        return set;
    }
}
