package dev.supportdesk.ticket.query.detail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TicketDetailIT extends QueryServiceIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private void open(String id) {
        List<Object> events = TicketEvents.opening(
                id, "Printer on fire", Channel.PHONE, Priority.HIGH, T0, Duration.ofHours(1), List.of("hardware"));
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", T0);
        }
    }

    @Test
    void detailShowsEveryFieldTheConversationAndTheVersionAsETag() {
        String id = newTicketId();
        open(id);
        publish(id, 4, new TicketAssignedEvent(id, "alice", "tier1"), "alice", T0.plusSeconds(1));
        publish(id, 5, new InternalNoteAddedEvent(id, "checking the toner"), "alice", T0.plusSeconds(2));
        publish(id, 6, new PublicReplyPostedEvent(id, "we are on it"), "bob", T0.plusSeconds(3));
        publish(id, 7, new CustomerMessageReceivedEvent(id, "it smells"), "alice", T0.plusSeconds(4));

        Answer answer = http().get("/api/tickets/" + id + "?minVersion=7", "ana");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("ETag")).isEqualTo("\"7\"");
        JsonNode t = answer.json();
        assertThat(t.path("id").asText()).isEqualTo(id);
        assertThat(t.path("version").asLong()).isEqualTo(7);
        assertThat(t.path("subject").asText()).isEqualTo("Printer on fire");
        assertThat(t.path("description").asText()).isEqualTo("Description of Printer on fire");
        assertThat(t.path("status").asText()).isEqualTo("OPEN");
        assertThat(t.path("priority").asText()).isEqualTo("HIGH");
        assertThat(t.path("channel").asText()).isEqualTo("PHONE");
        assertThat(t.path("assignee").asText()).isEqualTo("alice");
        assertThat(t.path("group").asText()).isEqualTo("tier1");
        assertThat(t.path("requester").path("name").asText()).isEqualTo("Carla Customer");
        assertThat(t.path("requester").path("email").asText()).isEqualTo("carla@example.com");
        assertThat(t.path("customerTier").asText()).isEqualTo("STANDARD");
        assertThat(t.path("tags").toString()).isEqualTo("[\"hardware\"]");
        assertThat(Instant.parse(t.path("createdAt").asText())).isEqualTo(T0);
        assertThat(Instant.parse(t.path("updatedAt").asText())).isEqualTo(T0.plusSeconds(4));
        assertThat(t.has("resolution")).isTrue();
        assertThat(t.path("resolution").isNull()).isTrue();
        assertThat(t.path("mergedInto").isNull()).isTrue();
        JsonNode sla = t.path("sla");
        assertThat(sla.path("policy").asText()).isEqualTo("default");
        assertThat(Instant.parse(sla.path("firstResponseDueAt").asText())).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(sla.path("nextResponseDueAt").isNull()).isTrue();
        assertThat(Instant.parse(sla.path("resolutionDueAt").asText())).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(sla.path("state").asText()).isEqualTo("ON_TRACK");
        assertThat(sla.path("escalationLevel").asInt()).isZero();
        JsonNode conversation = t.path("conversation");
        assertThat(conversation).hasSize(3);
        assertThat(conversation.get(0).path("kind").asText()).isEqualTo("INTERNAL_NOTE");
        assertThat(conversation.get(0).path("author").asText()).isEqualTo("alice");
        assertThat(conversation.get(0).path("body").asText()).isEqualTo("checking the toner");
        assertThat(Instant.parse(conversation.get(0).path("at").asText())).isEqualTo(T0.plusSeconds(2));
        assertThat(conversation.get(1).path("kind").asText()).isEqualTo("PUBLIC_REPLY");
        assertThat(conversation.get(1).path("author").asText()).isEqualTo("bob");
        assertThat(conversation.get(2).path("kind").asText()).isEqualTo("CUSTOMER_MESSAGE");
        assertThat(conversation.get(2).path("author").asText()).isEqualTo("Carla Customer");
        // each item carries the version of the event that added it, as the history numbers them
        assertThat(conversation.findValuesAsText("version")).containsExactly("5", "6", "7");

        Answer notModified = http().get("/api/tickets/" + id, "ana", Map.of("If-None-Match", "\"7\""));
        assertThat(notModified.status()).isEqualTo(304);
    }

    @Test
    void duplicateDeliveryChangesNothing() {
        String id = newTicketId();
        open(id);
        publish(id, 4, new TicketAssignedEvent(id, "alice", "tier1"), "alice", T0.plusSeconds(1));
        publish(id, 5, new PublicReplyPostedEvent(id, "hello"), "alice", T0.plusSeconds(2));
        Answer before = http().get("/api/tickets/" + id + "?minVersion=5", "alice");
        assertThat(before.status()).isEqualTo(200);

        // at-least-once delivery: the same events again, and an older version with other content
        publish(id, 4, new TicketAssignedEvent(id, "alice", "tier1"), "alice", T0.plusSeconds(1));
        publish(id, 5, new PublicReplyPostedEvent(id, "hello"), "alice", T0.plusSeconds(2));
        publish(id, 4, new TicketAssignedEvent(id, "bob", "tier2"), "sam", T0.plusSeconds(9));
        // a marker after the duplicates: once it shows, the duplicates have been consumed
        publish(id, 6, new TicketMarkedPendingEvent(id, "waiting"), "alice", T0.plusSeconds(10));

        JsonNode after =
                http().get("/api/tickets/" + id + "?minVersion=6", "alice").json();
        assertThat(after.path("version").asLong()).isEqualTo(6);
        assertThat(after.path("status").asText()).isEqualTo("PENDING");
        assertThat(after.path("assignee").asText()).isEqualTo("alice");
        assertThat(after.path("group").asText()).isEqualTo("tier1");
        assertThat(after.path("conversation")).hasSize(1);
        assertThat(after.path("conversation")).isEqualTo(before.json().path("conversation"));
    }

    @Test
    void minVersionAlreadyReachedAnswersAtOnce() {
        String id = newTicketId();
        open(id);
        assertThat(http().get("/api/tickets/" + id + "?minVersion=3", "bob").status())
                .isEqualTo(200);

        Answer older = http().get("/api/tickets/" + id + "?minVersion=1", "bob");
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void minVersionWaitsForTheCommitThatReachesIt() {
        String id = newTicketId();
        open(id);
        assertThat(http().get("/api/tickets/" + id + "?minVersion=3", "bob").status())
                .isEqualTo(200);

        CompletableFuture<Answer> waiting =
                CompletableFuture.supplyAsync(() -> http().get("/api/tickets/" + id + "?minVersion=4", "bob"));
        await().atMost(Duration.ofSeconds(3)).until(() -> waiters.waiting() > 0);
        publish(id, 4, new TicketAssignedEvent(id, "bob", null), "bob", T0.plusSeconds(1));

        Answer answer = waiting.join();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("version").asLong()).isEqualTo(4);
        assertThat(answer.json().path("assignee").asText()).isEqualTo("bob");
    }

    @Test
    void minVersionNeverReachedIsAGatewayTimeoutProblem() {
        String id = newTicketId();
        open(id);

        long started = System.nanoTime();
        Answer answer = http().get("/api/tickets/" + id + "?minVersion=99", "bob");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
    }

    @Test
    void unknownTicketIsANotFoundProblem() {
        Answer answer = http().get("/api/tickets/T-does-not-exist", "audrey");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).contains("T-does-not-exist");
    }

    @Test
    void badMinVersionIsABadRequestProblem() {
        Answer answer = http().get("/api/tickets/T-1?minVersion=soon", "audrey");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("minVersion");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private VersionWaiters waiters;
}
