package dev.supportdesk.edge.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.edge.EdgeApplication;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An edge that stops ends the event streams it proxies first. The web server's graceful shutdown waits for every
 * open request, and a proxied stream ends only when its backend ends it: a console left open would otherwise hold
 * each stop of the edge for the whole grace period (30 s). Its own edge, since this test stops it.
 */
class StreamShutdownIT {

    private final StubBackend query = StubBackend.start("ticket-query");
    private final CountDownLatch backendReleased = new CountDownLatch(1);

    @AfterEach
    void stopBackend() {
        backendReleased.countDown();
        query.close();
    }

    @Test
    void stoppingTheEdgeEndsTheStreamsItProxiesAndDoesNotWaitForThem() throws Exception {
        query.on("/api/stream", (exchange, received) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked, and open until the test ends
            OutputStream out = exchange.getResponseBody();
            out.write(":subscribed\n\n".getBytes(UTF_8));
            out.flush();
            try {
                backendReleased.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ConfigurableApplicationContext edge = new SpringApplicationBuilder(EdgeApplication.class)
                .run(
                        "--server.port=0",
                        "--edge.backends.ticket-command=http://127.0.0.1:1",
                        "--edge.backends.ticket-query=" + query.baseUrl(),
                        "--edge.backends.sla-monitor=http://127.0.0.1:1");
        CompletableFuture<Void> stopped;
        try {
            String port = edge.getEnvironment().getRequiredProperty("local.server.port");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            Iterator<String> lines = response.body().iterator();
            assertThat(lines.next()).isEqualTo(":subscribed");

            stopped = CompletableFuture.runAsync(edge::close);
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                while (lines.hasNext()) {
                    lines.next();
                }
            });
            // Well inside the 30 s that the server's graceful shutdown would wait for the stream.
            ended.get(10, TimeUnit.SECONDS);
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            edge.close();
        }
        assertThat(edge.isActive()).isFalse();
    }
}
