package dev.supportdesk.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import dev.supportdesk.platform.web.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public origin answers what it cannot route like every backend: a 4xx problem, never Tomcat's HTML
 * page or a 500, and a URL no backend would accept is refused here before it is forwarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpEdgeIT {

    static final StubBackend backend = StubBackend.start("every backend");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("edge.backends.ticket-command", () -> backend.baseUrl().toString());
        registry.add("edge.backends.ticket-query", () -> backend.baseUrl().toString());
        registry.add("edge.backends.sla-monitor", () -> backend.baseUrl().toString());
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyPort() {
        return EdgeChecks.everyPort(port, "/api/tickets/");
    }

    @Test
    void refusesAMalformedEscapeInAnyQueryWithoutForwardingIt() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "/api/tickets?q=%zz");

        assertThat(EdgeChecks.assertProblem(answer, 400).get("errors").findValuesAsText("field"))
                .containsExactly("q");
        assertThat(backend.received()).isEmpty();
    }

    @Test
    void forwardsNoPathParameterTraceConnectOrHttp09Request() throws Exception {
        RawHttp.Answer parameter = RawHttp.send(
                port,
                ("POST /api/tickets/T-8;x=1/replies HTTP/1.1\r\nHost: x\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes());
        RawHttp.Answer trace = RawHttp.send(
                port, "TRACE /api/tickets/T-24/assign HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
        RawHttp.Answer connect =
                RawHttp.send(port, "CONNECT /api/tickets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
        String simple = RawHttp.raw(port, "GET /api/tickets?size=1\r\n".getBytes());

        assertThat(EdgeChecks.assertProblem(parameter, 400).get("errors").findValuesAsText("field"))
                .containsExactly("path");
        EdgeChecks.assertProblem(trace, 405);
        EdgeChecks.assertProblem(connect, 405);
        assertThat(simple).contains("\"status\":400");
        assertThat(backend.received()).isEmpty();
    }
}
