package dev.supportdesk.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    private static final List<URI> BACKENDS =
            List.of(URI.create("http://ticket-command:8081"), URI.create("http://ticket-query:8082/"));

    @Test
    void movesABackendsAbsoluteLocationToThePublicOrigin() {
        assertThat(ProxyHeaders.rewriteLocation(
                        "http://ticket-command:8081/api/tickets/T-1?x=a%20b", "https://desk.example.com", BACKENDS))
                .isEqualTo("https://desk.example.com/api/tickets/T-1?x=a%20b");
        assertThat(ProxyHeaders.rewriteLocation(
                        "http://TICKET-QUERY:8082/api/tickets/T-1", "http://localhost:8080", BACKENDS))
                .isEqualTo("http://localhost:8080/api/tickets/T-1");
    }

    @Test
    void leavesRelativeLocationsAndOtherOriginsAlone() {
        assertThat(ProxyHeaders.rewriteLocation("/api/tickets/T-1", "http://localhost:8080", BACKENDS))
                .isEqualTo("/api/tickets/T-1");
        assertThat(ProxyHeaders.rewriteLocation(
                        "http://ticket-command:9999/api/tickets/T-1", "http://localhost:8080", BACKENDS))
                .isEqualTo("http://ticket-command:9999/api/tickets/T-1");
        assertThat(ProxyHeaders.rewriteLocation("https://status.example.com/", "http://localhost:8080", BACKENDS))
                .isEqualTo("https://status.example.com/");
    }

    @Test
    void copiesEndToEndResponseHeadersButNotHopByHopOnes() {
        assertThat(ProxyHeaders.copiedFromResponse("ETag", List.of())).isTrue();
        assertThat(ProxyHeaders.copiedFromResponse("WWW-Authenticate", List.of()))
                .isTrue();
        assertThat(ProxyHeaders.copiedFromResponse("X-Correlation-Id", List.of()))
                .isTrue();
        assertThat(ProxyHeaders.copiedFromResponse("transfer-encoding", List.of()))
                .isFalse();
        assertThat(ProxyHeaders.copiedFromResponse("Connection", List.of())).isFalse();
        assertThat(ProxyHeaders.copiedFromResponse("Keep-Alive", List.of())).isFalse();
        // A header the backend's Connection header names is hop-by-hop too.
        assertThat(ProxyHeaders.copiedFromResponse("X-Hop", List.of("close, X-Hop")))
                .isFalse();
    }

    @Test
    void forwardsNoHeaderThatCouldCarryAnIdentityOtherThanTheCallersOwnCredentials() {
        assertThat(ProxyHeaders.FORWARDED_REQUEST_HEADERS)
                .contains(
                        "Authorization",
                        "Cookie",
                        "X-CSRF-Token",
                        "If-Match",
                        "Idempotency-Key",
                        "X-Correlation-Id",
                        "Last-Event-ID")
                .noneMatch(name -> name.toLowerCase().contains("user")
                        || name.toLowerCase().startsWith("x-forwarded"));
    }
}
