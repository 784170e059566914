package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.detail;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.queue;
import static dev.supportdesk.e2e.Tickets.queueItem;
import static dev.supportdesk.e2e.Tickets.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A phone ticket walks its whole life through the public origin: every command is stored by
 * ticket-command, travels Kafka and shows in ticket-query's detail and queue, read back with minVersion.
 */
@EndToEnd
class TicketLifecycleIT {

    private final ApiClient alice;
    private final String word = Tickets.uniqueWord("walk");
    private final List<Entry> conversation = new ArrayList<>();
    private long lastVersion;

    TicketLifecycleIT(SupportDesk desk) {
        this.alice = desk.as("alice");
    }

    @Test
    void aPhoneTicketWalksFromOpenToClosed() {
        ApiResponse opened = open(alice, openRequest("Printer on fire " + word, "PHONE", "NORMAL"));
        String id = opened.json().path("id").asText();
        JsonNode ticket = readAfter(id, opened);
        assertThat(ticket.path("status").asText()).isEqualTo("NEW");
        assertThat(ticket.path("channel").asText()).isEqualTo("PHONE");
        assertThat(ticket.path("priority").asText()).isEqualTo("NORMAL");
        assertThat(ticket.path("assignee").isNull() || ticket.path("assignee").isMissingNode())
                .isTrue();
        assertThat(ticket.path("requester").path("name").asText()).isEqualTo("Carla Customer");
        assertThat(ticket.path("sla").path("state").asText()).isEqualTo("ON_TRACK");
        assertThat(ticket.path("sla").path("escalationLevel").asInt()).isZero();
        assertThat(ticket.path("sla").path("firstResponseDueAt").isTextual()).isTrue();
        assertThat(ticket.path("sla").path("resolutionDueAt").isTextual()).isTrue();
        inQueue(id, Map.of("status", "NEW", "channel", "PHONE", "assignee", "none"), "NEW");

        ticket = readAfter(id, command(alice, id, "assign", Map.of("assignee", "alice")));
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("assignee").asText()).isEqualTo("alice");
        inQueue(id, Map.of("status", "OPEN", "assignee", "alice"), "OPEN");
        inQueue(id, Map.of("status", "OPEN", "assignee", "me"), "OPEN");

        ticket = readAfter(
                id,
                command(alice, id, "replies", Map.of("body", "Checked the toner", "visibility", "INTERNAL")),
                new Entry("INTERNAL_NOTE", "alice", "Checked the toner"));
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("sla").path("firstResponseDueAt").isTextual())
                .as("an internal note is no response to the customer")
                .isTrue();
        inQueue(id, Map.of("status", "OPEN"), "OPEN");

        ticket = readAfter(
                id,
                command(alice, id, "replies", Map.of("body", "Please unplug it", "visibility", "PUBLIC")),
                new Entry("PUBLIC_REPLY", "alice", "Please unplug it"));
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("sla").path("firstResponseDueAt").isNull())
                .as("first response met")
                .isTrue();
        assertThat(ticket.path("sla").path("resolutionDueAt").isTextual()).isTrue();
        inQueue(id, Map.of("status", "OPEN"), "OPEN");

        ticket = readAfter(id, command(alice, id, "pending", Map.of("reason", "Waiting for the serial number")));
        assertThat(ticket.path("status").asText()).isEqualTo("PENDING");
        assertThat(ticket.path("sla").path("state").asText()).isEqualTo("PAUSED");
        inQueue(id, Map.of("status", "PENDING"), "PENDING");

        ticket = readAfter(
                id,
                command(alice, id, "customer-messages", Map.of("body", "Serial is 4711")),
                new Entry("CUSTOMER_MESSAGE", null, "Serial is 4711"));
        assertThat(ticket.path("status").asText())
                .as("the customer's answer ends the wait")
                .isEqualTo("OPEN");
        assertThat(ticket.path("sla").path("state").asText()).isEqualTo("ON_TRACK");
        inQueue(id, Map.of("status", "OPEN"), "OPEN");

        ticket = readAfter(id, command(alice, id, "resolve", Map.of("resolution", "Replaced the fuser")));
        assertThat(ticket.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(ticket.path("resolution").asText()).isEqualTo("Replaced the fuser");
        assertThat(ticket.path("sla").path("state").asText()).isEqualTo("MET");
        assertThat(ticket.path("sla").path("resolutionDueAt").isNull()).isTrue();
        inQueue(id, Map.of("status", "RESOLVED"), "RESOLVED");

        ticket = readAfter(id, command(alice, id, "reopen", Map.of("reason", "It smokes again")));
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("sla").path("resolutionDueAt").isTextual())
                .as("resolution clock restarted")
                .isTrue();
        assertThat(ticket.path("sla").path("state").asText()).isEqualTo("ON_TRACK");
        inQueue(id, Map.of("status", "OPEN"), "OPEN");

        // Close is allowed from RESOLVED only: resolve once more, then close.
        ticket = readAfter(id, command(alice, id, "resolve", Map.of("resolution", "New printer delivered")));
        assertThat(ticket.path("status").asText()).isEqualTo("RESOLVED");
        ticket = readAfter(id, command(alice, id, "close", Map.of()));
        assertThat(ticket.path("status").asText()).isEqualTo("CLOSED");
        assertThat(ticket.path("resolution").asText()).isEqualTo("New printer delivered");
        inQueue(id, Map.of("status", "CLOSED"), "CLOSED");
        assertThat(queueItem(queue(alice, Map.of("q", word, "status", "NEW,OPEN,PENDING,RESOLVED")), id))
                .as("a closed ticket leaves the working queue")
                .isNull();
    }

    /**
     * Reads the detail at the command's version; it must be exactly that version (nothing else happened)
     * and its conversation must be every entry so far, in order, each once.
     */
    private JsonNode readAfter(String id, ApiResponse commandAnswer, Entry... added) {
        long version = version(commandAnswer);
        assertThat(version).as("versions only grow: %s", commandAnswer).isGreaterThan(lastVersion);
        lastVersion = version;
        conversation.addAll(List.of(added));
        JsonNode ticket = detail(alice, id, version);
        assertThat(ticket.path("id").asText()).isEqualTo(id);
        assertThat(ticket.path("version").asLong()).isEqualTo(version);
        assertThat(ticket.path("subject").asText()).contains(word);
        JsonNode entries = ticket.path("conversation");
        assertThat(entries.size()).as("conversation of %s", ticket).isEqualTo(conversation.size());
        for (int i = 0; i < conversation.size(); i++) {
            Entry expected = conversation.get(i);
            JsonNode entry = entries.get(i);
            assertThat(entry.path("kind").asText()).as("kind of %s", entry).isEqualTo(expected.kind());
            assertThat(entry.path("body").asText()).isEqualTo(expected.body());
            assertThat(entry.path("at").asText()).isNotBlank();
            if (expected.author() != null) {
                assertThat(entry.path("author").asText()).isEqualTo(expected.author());
            }
        }
        return ticket;
    }

    /** A conversation entry as the detail should show it; a customer's author is whatever names the requester. */
    private record Entry(String kind, String author, String body) {}

    /** The queue, filtered as given and by this test's word, shows the ticket with its status and version. */
    private void inQueue(String id, Map<String, String> filters, String status) {
        Map<String, String> withWord = new java.util.HashMap<>(filters);
        withWord.put("q", word);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode item = queueItem(queue(alice, withWord), id);
            assertThat(item)
                    .as("ticket %s in the queue filtered by %s", id, withWord)
                    .isNotNull();
            assertThat(item.path("status").asText()).isEqualTo(status);
            assertThat(item.path("version").asLong()).isEqualTo(lastVersion);
        });
    }
}
