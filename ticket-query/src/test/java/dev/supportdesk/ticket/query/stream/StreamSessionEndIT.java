package dev.supportdesk.ticket.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.platform.security.ConsoleSignIn;
import dev.supportdesk.ticket.query.HttpCalls;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A stream opened with the console's session ends when the session does, here one ended on another service
 * (its row gone from the shared table, and no notification heard): the periodic check ends it, while a stream
 * of HTTP Basic goes on.
 */
class StreamSessionEndIT extends QueryServiceIT {

    @Autowired
    private ConsoleSignIn signIn;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TicketStream stream;

    @Test
    void aStreamOfAnEndedSessionEndsAndAStreamOfBasicGoesOn() throws Exception {
        ConsoleSignIn.SignedIn session =
                signIn.signIn("alice", "alice", new MockHttpServletRequest()).orElseThrow();
        String cookie = session.cookie().substring(0, session.cookie().indexOf(';'));
        Iterator<String> console = open("Cookie", cookie);
        Iterator<String> script = open("Authorization", HttpCalls.basic("bob", "bob"));

        String id = newTicketId();
        Instant t0 = Instant.now();
        List<Object> events =
                TicketEvents.opening(id, "Ends", Channel.CHAT, Priority.NORMAL, t0, Duration.ofHours(4), List.of());
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", t0);
        }
        String first = "\"id\":\"" + id + "\"";
        assertThat(readUntil(console, first)).isTrue();
        assertThat(readUntil(script, first)).isTrue();

        int subscribed = stream.subscribers();
        int removed =
                jdbc.update("DELETE FROM platform_session.console_session WHERE csrf_token = ?", session.csrfToken());
        assertThat(removed).isEqualTo(1);
        // The session's stream reaches its end, whatever it still had to say before.
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> readUntil(console, "\u0000"));
        assertThat(ended.get(60, TimeUnit.SECONDS)).as("a line past the end").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.subscribers() < subscribed);

        publish(id, events.size() + 1, new TicketAssignedEvent(id, "bob", "tier1"), "bob", t0);
        assertThat(readUntil(script, "\"version\":" + (events.size() + 1))).isTrue();
    }

    private Iterator<String> open(String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(http().uri("/api/stream"))
                .header(header, value)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = HttpCalls.client()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().iterator();
    }

    /** Reads until a data line contains {@code text} (true) or the stream ends (false). */
    private static boolean readUntil(Iterator<String> lines, String text) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:") && line.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
