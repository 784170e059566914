package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL stops under a running ticket-command with commands in flight, and comes back: while it is
 * gone every answer is a prompt 503 problem with Retry-After (never a 500, never a request left
 * hanging), and once it returns the same process serves commands again by itself.
 */
class DatabaseOutageIT {

    /** A request still unanswered after this long counts as hung; the pool gives up after 3 s. */
    private static final Duration HUNG = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE =
            "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8));

    private static RestartablePostgres postgres;
    private static ConfigurableApplicationContext service;
    private static int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        postgres = RestartablePostgres.start();
        String kafka = TestKafka.bootstrapServers();
        service = new SpringApplicationBuilder(TicketCommandApplication.class)
                .run(
                        "--spring.profiles.active=demo",
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--support.kafka.bootstrap-servers=" + kafka,
                        // A topic of its own: this service numbers its tickets from T-1 again.
                        "--support.kafka.topic=support.ticket-events.outage-it",
                        "--support.kafka.partitions=1");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void answersPrompt503sDuringAnOutageAndRecoversByItself() throws Exception {
        // Agents keep replying, each on a ticket of their own, while the database goes away under them.
        List<String> tickets = List.of(
                open().json().get("id").asText(),
                open().json().get("id").asText(),
                open().json().get("id").asText());
        String ticket = tickets.get(0);
        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Answer> duringStop = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> acknowledgedOnFirst = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(tickets.size());
        List<Future<?>> load = new ArrayList<>();
        for (String own : tickets) {
            load.add(clients.submit(() -> {
                while (loading.get()) {
                    Answer answer = reply(own);
                    duringStop.add(answer);
                    if (own.equals(ticket) && answer.status() == 200) {
                        acknowledgedOnFirst.add(answer);
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> duringStop.stream().filter(a -> a.status() == 200).count() >= 3);
        postgres.stop();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> duringStop.stream().filter(a -> a.status() == 503).count() >= 3);
        loading.set(false);
        for (Future<?> client : load) {
            client.get(HUNG.toSeconds() * 2, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(duringStop).extracting(Answer::status).containsOnly(200, 503);

        // While it is down, every kind of request the service sends to the database.
        for (Answer answer : List.of(
                open(),
                reply(ticket),
                get("/api/tickets/" + ticket + "/history"),
                post("/api/tickets/" + ticket + "/tags", "{\"add\":[\"outage\"]}"))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("5");
            assertThat(answer.json().get("detail").asText()).contains("cannot be reached");
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asInt()).isEqualTo(503);
            assertThat(answer.body()).doesNotContain("Exception", "PSQL", "Connection refused");
        }
        // What needs no database still works.
        assertThat(get("/api/users").status()).isEqualTo(200);

        postgres.restart();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> reply(ticket).status() == 200);
        Answer opened = open();
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);

        // Every reply answered 200 is in the store (a 503 may or may not be, if the commit itself failed).
        JsonNode history = get("/api/tickets/" + ticket + "/history").json();
        long notes = 0;
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asText().equals("InternalNoteAddedEvent")) {
                notes++;
            }
        }
        assertThat(notes).isGreaterThanOrEqualTo(acknowledgedOnFirst.size() + 1L);
    }

    private Answer open() {
        return post("/api/tickets", """
                {"subject":"Lights out","channel":"PHONE","requester":{"name":"Carla"}}""");
    }

    private Answer reply(String ticket) {
        return post("/api/tickets/" + ticket + "/replies", "{\"body\":\"still there?\",\"visibility\":\"INTERNAL\"}");
    }

    private Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("Authorization", ALICE).timeout(HUNG).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + HUNG + ": the request hung", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
