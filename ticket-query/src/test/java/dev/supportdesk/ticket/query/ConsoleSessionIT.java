package dev.supportdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.platform.security.ConsoleSignIn;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * ticket-query accepts the console's session cookie, opened by a sign-in on another service (here through the
 * shared session table directly), for reads, for the stream and, with the CSRF token, for changes; a session that
 * ended elsewhere is refused here too.
 */
class ConsoleSessionIT extends QueryServiceIT {

    @Autowired
    private ConsoleSignIn signIn;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theCookieAuthenticatesReadsTheStreamAndChangesThatCarryTheCsrfToken() throws Exception {
        ConsoleSignIn.SignedIn session =
                signIn.signIn("alice", "alice", new MockHttpServletRequest()).orElseThrow();
        String cookie = session.cookie().substring(0, session.cookie().indexOf(';'));
        String id = knownTicket();

        HttpCalls.Answer detail = http().get("/api/tickets/" + id, null, Map.of("Cookie", cookie));
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().get("id").asText()).isEqualTo(id);

        HttpRequest streamRequest = HttpRequest.newBuilder(http().uri("/api/stream"))
                .header("Cookie", cookie)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> stream = HttpCalls.client()
                .sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);

        String presence = "/api/tickets/" + id + "/presence";
        assertThat(put(presence, cookie, null).statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = put(presence, cookie, session.csrfToken().substring(1));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("X-CSRF-Token");
        assertThat(http().get(presence, "bob").json().get("viewers")).isEmpty();

        assertThat(put(presence, cookie, session.csrfToken()).statusCode()).isEqualTo(204);
        assertThat(http().get(presence, "bob")
                        .json()
                        .get("viewers")
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("alice");
        Iterator<String> lines = stream.body().iterator();
        String expected = "{\"id\":\"" + id + "\"}";
        String event = null;
        boolean seen = false;
        while (!seen && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                seen = "presence-updated".equals(event)
                        && line.substring("data:".length()).trim().equals(expected);
            }
        }
        assertThat(seen).isTrue();
        stream.body().close();

        // signed out on another service: the session's row is gone from the shared table
        int removed =
                jdbc.update("DELETE FROM platform_session.console_session WHERE csrf_token = ?", session.csrfToken());
        assertThat(removed).isEqualTo(1);
        HttpCalls.Answer afterwards = http().get("/api/tickets/" + id, null, Map.of("Cookie", cookie));
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.header("WWW-Authenticate")).isNull();
    }

    @Test
    void basicNeedsNoCsrfToken() {
        String id = knownTicket();
        assertThat(put("/api/tickets/" + id + "/presence", null, null, "bob").statusCode())
                .isEqualTo(204);
    }

    private String knownTicket() {
        String id = newTicketId();
        Instant t0 = Instant.now();
        List<Object> events =
                TicketEvents.opening(id, "Session", Channel.EMAIL, Priority.HIGH, t0, Duration.ofHours(4), List.of());
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", t0);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http().get("/api/tickets/" + id, "alice").status() == 200);
        return id;
    }

    private HttpResponse<String> put(String path, String cookie, String csrfToken) {
        return put(path, cookie, csrfToken, null);
    }

    private HttpResponse<String> put(String path, String cookie, String csrfToken, String basicUser) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http().uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"activity\":\"VIEWING\"}"));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        if (basicUser != null) {
            request.header("Authorization", HttpCalls.basic(basicUser, basicUser));
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
}
