package dev.supportdesk.ticket.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.ticket.query.HttpCalls;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TicketStreamIT extends QueryServiceIT {

    @Autowired
    private TicketStream stream;

    @Test
    void committedChangesArriveAsTicketUpdatedAndDisconnectedClientsAreDropped() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(http().uri("/api/stream"))
                .header("Authorization", HttpCalls.basic("alice", "alice"))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = HttpCalls.client()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

        String id = newTicketId();
        Instant t0 = Instant.now();
        List<Object> events =
                TicketEvents.opening(id, "Live", Channel.CHAT, Priority.NORMAL, t0, Duration.ofHours(4), List.of());
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", t0);
        }
        publish(id, 4, new TicketAssignedEvent(id, "alice", null), "alice", t0);

        Iterator<String> lines = response.body().iterator();
        String expected = "\"id\":\"" + id + "\"";
        String eventName = null;
        // every change of this ticket arrives, version 4 last; events of other suites' tickets may come between
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                eventName = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:") && line.contains(expected)) {
                assertThat(eventName).isEqualTo("ticket-updated");
                if (line.contains("\"version\":4")) {
                    break;
                }
            }
        }
        assertThat(stream.subscribers()).isPositive();

        response.body().close();
        int before = stream.subscribers();
        // the server learns of the disconnect at its next write
        publish(id, 5, new TicketAssignedEvent(id, null, "tier1"), "alice", t0);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscribers() < before);
    }

    @Test
    void streamNeedsAReadingRole() {
        assertThat(http().get("/api/stream", null).status()).isEqualTo(401);
        assertThat(http().get("/api/stream", "sla-monitor").status()).isEqualTo(403);
    }
}
