package dev.supportdesk.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ticket-command is down (nothing listens on its port); ticket-query answers too slowly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "edge.response-timeout=500ms")
class BackendUnavailableIT {

    static final StubBackend query = StubBackend.start("ticket-query");
    static final CountDownLatch releaseSlowAnswer = new CountDownLatch(1);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("edge.backends.ticket-command", () -> "http://127.0.0.1:" + closedPort());
        registry.add("edge.backends.ticket-query", () -> query.baseUrl().toString());
        registry.add("edge.backends.sla-monitor", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopBackends() {
        releaseSlowAnswer.countDown();
        query.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void answers502WhenTheBackendIsDown() throws Exception {
        HttpResponse<String> response = send("POST", "/api/tickets");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":502", "ticket-command");
    }

    @Test
    void answers504WhenTheBackendDoesNotAnswerInTime() throws Exception {
        query.on("/api/tickets", (exchange, received) -> {
            try {
                releaseSlowAnswer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
        });

        HttpResponse<String> response = send("GET", "/api/tickets");
        releaseSlowAnswer.countDown();

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":504", "ticket-query");
    }

    @Test
    void stillAnswersItsOwnHealthWhileBackendsAreDown() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                BodyHandlers.ofString());
    }

    /** A loopback port that nothing listens on any more: connections to it are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
