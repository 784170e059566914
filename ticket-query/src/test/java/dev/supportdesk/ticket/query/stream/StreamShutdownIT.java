package dev.supportdesk.ticket.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.ticket.query.HttpCalls;
import dev.supportdesk.ticket.query.OwnService;
import dev.supportdesk.ticket.query.QueryServiceIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service that stops ends its open event streams first. The web server's graceful shutdown waits for every
 * open request, and a stream never finishes by itself: a console left open would otherwise hold each stop for
 * the whole grace period (30 s). Its own service, database and topic, since this test stops it.
 */
class StreamShutdownIT {

    private static final String TOPIC = TestKafka.newTopic(QueryServiceIT.PARTITIONS);
    private static final String DATABASE = TestPostgres.newDatabase();

    @Test
    void stoppingTheServiceEndsItsOpenStreamsAndDoesNotWaitForThem() throws Exception {
        ConfigurableApplicationContext service = OwnService.start(DATABASE, TOPIC);
        CompletableFuture<Void> stopped;
        try {
            String port = service.getEnvironment().getRequiredProperty("local.server.port");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                    .header("Authorization", HttpCalls.basic("alice", "alice"))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            HttpResponse<Stream<String>> response = HttpCalls.client()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            Iterator<String> lines = response.body().iterator();
            assertThat(lines.next()).isEqualTo(":subscribed");

            stopped = CompletableFuture.runAsync(service::close);
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                while (lines.hasNext()) {
                    lines.next();
                }
            });
            // Well inside the 30 s that the server's graceful shutdown would wait for the stream.
            ended.get(10, TimeUnit.SECONDS);
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            service.close();
        }
        assertThat(service.isActive()).isFalse();
    }
}
