package dev.supportdesk.ticket.query.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.ticket.query.HttpCalls;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import dev.supportdesk.ticket.query.TicketQueryApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Presence across two ticket-query instances that share one database: the test's own application (A) and a
 * second one (B) started beside it on its own port, as two instances behind the edge would be.
 */
class PresenceIT extends QueryServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServletWebServerApplicationContext second;

    @Autowired
    private Environment environment;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PresenceUpdates updates;

    private int portB;

    @BeforeEach
    void startSecondInstance() {
        if (second == null) {
            // Arguments, not default properties: they must win over application.yml, as the test's own do.
            List<String> arguments = new ArrayList<>();
            for (String key : List.of(
                    "spring.datasource.url",
                    "spring.datasource.username",
                    "spring.datasource.password",
                    "support.kafka.bootstrap-servers",
                    "support.kafka.topic",
                    "support.kafka.partitions")) {
                arguments.add("--" + key + "=" + environment.getProperty(key));
            }
            arguments.add("--server.port=0");
            arguments.add("--server.address=127.0.0.1");
            arguments.add("--logging.level.org.apache.kafka=WARN");
            second = (ServletWebServerApplicationContext) new SpringApplicationBuilder(TicketQueryApplication.class)
                    .profiles("demo")
                    .run(arguments.toArray(String[]::new));
        }
        portB = second.getWebServer().getPort();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> updates.listening()
                        && second.getBean(PresenceUpdates.class).listening());
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void presenceSetOnOneInstanceIsReadAndStreamedOnTheOther() throws Exception {
        String id = knownTicket();
        Stream events = Stream.open(portB, "sam");

        assertThat(send("PUT", port, id, "alice", "{\"activity\":\"VIEWING\"}").statusCode())
                .isEqualTo(204);
        events.awaitPresenceUpdate(id);
        JsonNode onB = viewers(portB, id, "sam");
        assertThat(onB.get("ticketId").asText()).isEqualTo(id);
        assertThat(onB.get("viewers")).hasSize(1);
        JsonNode alice = onB.get("viewers").get(0);
        assertThat(alice.get("name").asText()).isEqualTo("alice");
        assertThat(alice.get("displayName").asText()).isEqualTo("Alice Agent");
        assertThat(alice.get("activity").asText()).isEqualTo("VIEWING");
        Instant since = Instant.parse(alice.get("since").asText());

        // the caller is included; a second viewer arrives through the other instance
        assertThat(send("PUT", portB, id, "bob", "{\"activity\":\"TYPING\"}").statusCode())
                .isEqualTo(204);
        events.awaitPresenceUpdate(id);
        JsonNode onA = viewers(port, id, "bob");
        assertThat(names(onA)).containsExactly("alice", "bob");
        assertThat(onA.get("viewers").get(1).get("activity").asText()).isEqualTo("TYPING");

        // a renewal keeps "since"; a change of activity is news
        assertThat(send("PUT", port, id, "alice", "{\"activity\":\"VIEWING\"}").statusCode())
                .isEqualTo(204);
        assertThat(Instant.parse(viewers(portB, id, "sam")
                        .get("viewers")
                        .get(0)
                        .get("since")
                        .asText()))
                .isEqualTo(since);
        assertThat(send("PUT", port, id, "alice", "{\"activity\":\"TYPING\"}").statusCode())
                .isEqualTo(204);
        events.awaitPresenceUpdate(id);
        assertThat(viewers(portB, id, "sam")
                        .get("viewers")
                        .get(0)
                        .get("activity")
                        .asText())
                .isEqualTo("TYPING");

        assertThat(send("DELETE", portB, id, "alice", null).statusCode()).isEqualTo(204);
        events.awaitPresenceUpdate(id);
        assertThat(names(viewers(port, id, "sam"))).containsExactly("bob");
        events.close();
    }

    @Test
    void aPresenceThatIsNotRenewedExpiresAndTheStreamsSayWhenItGoes() throws Exception {
        String id = knownTicket();
        assertThat(send("PUT", portB, id, "tina", "{\"activity\":\"TYPING\"}").statusCode())
                .isEqualTo(204);
        assertThat(names(viewers(port, id, "tina"))).containsExactly("tina");
        Stream events = Stream.open(port, "sam");

        // 31 s without a renewal, aged in the table: the database's clock is the one both instances share
        jdbc.update(
                "UPDATE ticket_presence SET renewed_at = renewed_at - INTERVAL '31 seconds' WHERE ticket_id = ?", id);
        assertThat(names(viewers(portB, id, "sam"))).isEmpty();
        events.awaitPresenceUpdate(id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_presence WHERE ticket_id = ?", Long.class, id))
                .isZero();
        events.close();
    }

    @Test
    void everyoneWhoMayReadTicketsMayBePresentAndNobodyElse() {
        String id = knownTicket();
        for (String reader : List.of("alice", "sam", "ana", "audrey", "admin")) {
            assertThat(send("PUT", port, id, reader, "{\"activity\":\"VIEWING\"}")
                            .statusCode())
                    .as(reader)
                    .isEqualTo(204);
        }
        assertThat(names(viewers(port, id, "audrey")))
                .containsExactlyInAnyOrder("alice", "sam", "ana", "audrey", "admin");
        assertThat(send("PUT", port, id, "sla-monitor", "{\"activity\":\"VIEWING\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", port, id, "sla-monitor", null).statusCode()).isEqualTo(403);
        assertThat(send("PUT", port, id, null, "{\"activity\":\"VIEWING\"}").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", port, id, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownTicketIs404AndTheBodyIsStrict() throws Exception {
        String unknown = newTicketId();
        for (String method : List.of("PUT", "GET", "DELETE")) {
            HttpResponse<String> answer = send(method, port, unknown, "alice", "{\"activity\":\"VIEWING\"}");
            assertThat(answer.statusCode()).as(method).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        String id = knownTicket();
        for (String body : List.of(
                "{}",
                "{\"activity\":null}",
                "{\"activity\":\"viewing\"}",
                "{\"activity\":\"SLEEPING\"}",
                "{\"activity\":1}")) {
            HttpResponse<String> answer = send("PUT", port, id, "alice", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).contains("activity");
        }
        assertThat(send("PUT", port, id, "alice", "{\"activity\":\"VIEWING\"} x")
                        .statusCode())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_presence WHERE ticket_id = ?", Long.class, id))
                .isZero();
    }

    /** A ticket the read model holds. */
    private String knownTicket() {
        String id = newTicketId();
        Instant t0 = Instant.now();
        List<Object> events =
                TicketEvents.opening(id, "Presence", Channel.CHAT, Priority.NORMAL, t0, Duration.ofHours(4), List.of());
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", t0);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http().get("/api/tickets/" + id, "alice").status() == 200);
        return id;
    }

    private static List<String> names(JsonNode presence) {
        List<String> names = new ArrayList<>();
        presence.get("viewers").forEach(viewer -> names.add(viewer.get("name").asText()));
        return names;
    }

    private static JsonNode viewers(int port, String id, String user) {
        HttpResponse<String> answer = send("GET", port, id, user, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, int port, String id, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/tickets/" + id + "/presence"))
                .timeout(Duration.ofSeconds(20));
        if (user != null) {
            request.header("Authorization", HttpCalls.basic(user, user));
        }
        if (body != null && method.equals("PUT")) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HttpCalls.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open {@code /api/stream} whose {@code presence-updated} events are collected as they arrive. */
    private static final class Stream implements AutoCloseable {

        private final BlockingQueue<String> presenceUpdates = new LinkedBlockingQueue<>();
        private final HttpResponse<java.util.stream.Stream<String>> response;

        private Stream(HttpResponse<java.util.stream.Stream<String>> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "presence-it-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(int port, String user) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                    .header("Authorization", HttpCalls.basic(user, user))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            HttpResponse<java.util.stream.Stream<String>> response = HttpCalls.client()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            return new Stream(response);
        }

        private void read() {
            String event = null;
            Iterator<String> lines = response.body().iterator();
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:") && "presence-updated".equals(event)) {
                        presenceUpdates.add(line.substring("data:".length()).trim());
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        /** Waits for the next {@code presence-updated} of this ticket (those of other tickets are skipped). */
        void awaitPresenceUpdate(String id) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String expected = "{\"id\":\"" + id + "\"}";
            while (System.nanoTime() < deadline) {
                String data = presenceUpdates.poll(1, TimeUnit.SECONDS);
                if (expected.equals(data)) {
                    return;
                }
            }
            throw new AssertionError("no presence-updated for " + id);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
