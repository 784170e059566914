package dev.supportdesk.edge.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of ticket-command with a third address between them that refuses connections, two
 * instances of ticket-query, and an sla-monitor none of whose instances is up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBalancingIT {

    static final StubBackend commandA = StubBackend.start("ticket-command-a");
    static final StubBackend commandB = StubBackend.start("ticket-command-b");
    static final StubBackend queryA = StubBackend.start("ticket-query-a");
    static final StubBackend queryB = StubBackend.start("ticket-query-b");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add(
                "edge.backends.ticket-command",
                () -> commandA.baseUrl() + ",http://127.0.0.1:" + closedPort() + "," + commandB.baseUrl());
        registry.add("edge.backends.ticket-query", () -> queryA.baseUrl() + "," + queryB.baseUrl());
        registry.add(
                "edge.backends.sla-monitor",
                () -> "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopBackends() {
        commandA.close();
        commandB.close();
        queryA.close();
        queryB.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void spreadsRequestsOverTheInstancesInTurn() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(send(HttpRequest.newBuilder(edge("/api/tickets?page=" + i))
                                    .GET())
                            .statusCode())
                    .isEqualTo(200);
        }

        assertThat(queryA.received("GET", "/api/tickets")).hasSize(3);
        assertThat(queryB.received("GET", "/api/tickets")).hasSize(3);
    }

    @Test
    void sendsACommandToTheNextInstanceWhenOneRefusesTheConnection() throws Exception {
        commandA.on("/api/tickets/T-1/replies", StubBackendHandlers.echoBody());
        commandB.on("/api/tickets/T-1/replies", StubBackendHandlers.echoBody());
        List<String> bodies = new ArrayList<>();
        // Three commands: whichever instance's turn comes first, one of them meets the refusing one.
        for (int i = 0; i < 3; i++) {
            String body = "{\"body\":\"reply " + i + "\",\"visibility\":\"PUBLIC\"}";
            bodies.add(body);
            HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-1/replies"))
                    .POST(BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json"));
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo(body);
        }

        List<String> received = new ArrayList<>();
        commandA.received("POST", "/api/tickets/T-1/replies").forEach(r -> received.add(new String(r.body(), UTF_8)));
        commandB.received("POST", "/api/tickets/T-1/replies").forEach(r -> received.add(new String(r.body(), UTF_8)));
        assertThat(received)
                .as("each command reached exactly one instance, whole")
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(commandA.received("POST", "/api/tickets/T-1/replies")).isNotEmpty();
        assertThat(commandB.received("POST", "/api/tickets/T-1/replies")).isNotEmpty();
    }

    @Test
    void answers502OnlyWhenNoInstanceAcceptsTheConnection() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/admin/projections/ticket-sla/parked/ev-1/retry"))
                        .POST(BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":502", "sla-monitor");
    }

    @Test
    void spreadsEventStreamsToo() throws Exception {
        for (StubBackend query : List.of(queryA, queryB)) {
            query.on("/api/stream", (exchange, received) -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                byte[] event =
                        ("event: hello\ndata: " + exchange.getLocalAddress().getPort() + "\n\n").getBytes(UTF_8);
                exchange.sendResponseHeaders(200, event.length);
                exchange.getResponseBody().write(event);
            });
        }

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/stream"))
                    .header("Accept", "text/event-stream")
                    .GET());
            assertThat(response.statusCode()).isEqualTo(200);
        }

        assertThat(queryA.received("GET", "/api/stream")).hasSize(2);
        assertThat(queryB.received("GET", "/api/stream")).hasSize(2);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }

    private URI edge(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A loopback port that nothing listens on any more: connections to it are refused at once. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
