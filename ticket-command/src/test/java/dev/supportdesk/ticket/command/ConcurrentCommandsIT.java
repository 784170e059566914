package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrent commands on one ticket, over real HTTP against the real PostgreSQL: none is answered 500, and
 * what was acknowledged is in the stream exactly once.
 */
class ConcurrentCommandsIT extends CommandApiTestSupport {

    private static final int CLIENTS = 8;
    private static final int REPLIES_EACH = 10;

    @Test
    void eightClientsReplyingToOneTicketAllSucceedWithUniqueContiguousVersions() throws Exception {
        String id = openTicket(); // version 3
        List<String> agents = List.of("alice", "bob", "sam", "tina");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Answer>>> sent = new ArrayList<>();
        try {
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                sent.add(clients.submit(() -> {
                    start.await();
                    List<Answer> answers = new ArrayList<>();
                    for (int r = 0; r < REPLIES_EACH; r++) {
                        answers.add(post(
                                        "/api/tickets/" + id + "/replies",
                                        "{\"body\":\"client " + c + " reply " + r + "\",\"visibility\":\"INTERNAL\"}")
                                .as(agents.get(c % agents.size()))
                                .send());
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> client : sent) {
                answers.addAll(client.get(5, TimeUnit.MINUTES));
            }

            assertThat(answers)
                    .allSatisfy(answer ->
                            assertThat(answer.status()).as(answer.body()).isEqualTo(200));
            long last = 3 + CLIENTS * REPLIES_EACH;
            assertThat(answers)
                    .extracting(Answer::version)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(4, last).boxed().toList());

            JsonNode events = call("GET", "/api/tickets/" + id + "/history")
                    .as("ana")
                    .send()
                    .json()
                    .get("events");
            List<Long> versions = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (JsonNode event : events) {
                versions.add(event.get("version").asLong());
                if (event.get("type").asText().equals("InternalNoteAddedEvent")) {
                    bodies.add(event.get("payload").get("body").asText());
                }
            }
            assertThat(versions)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, last).boxed().toList());
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                for (int r = 0; r < REPLIES_EACH; r++) {
                    expected.add("client " + c + " reply " + r);
                }
            }
            assertThat(bodies).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void oppositeMergesAtTheSameTimeNeitherFailNorDeadlockAndExactlyOneWins() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < 4; pair++) {
                String a = openTicket();
                String b = openTicket();
                CountDownLatch start = new CountDownLatch(1);
                Future<Answer> aIntoB = clients.submit(() -> {
                    start.await();
                    return post("/api/tickets/" + a + "/merge", "{\"into\":\"" + b + "\"}")
                            .as("alice")
                            .send();
                });
                Future<Answer> bIntoA = clients.submit(() -> {
                    start.await();
                    return post("/api/tickets/" + b + "/merge", "{\"into\":\"" + a + "\"}")
                            .as("bob")
                            .send();
                });
                start.countDown();
                Answer first = aIntoB.get(2, TimeUnit.MINUTES);
                Answer second = bIntoA.get(2, TimeUnit.MINUTES);

                List<Answer> answers = List.of(first, second);
                assertThat(answers)
                        .extracting(Answer::status)
                        .as(first.body() + " / " + second.body())
                        .containsExactlyInAnyOrder(200, 409);
                Answer refused = first.status() == 409 ? first : second;
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.json().get("detail").asText())
                        .startsWith("Merge target")
                        .contains("CLOSED");
                String winner = first.status() == 200 ? a : b;
                String survivor = winner.equals(a) ? b : a;
                assertThat(types(winner)).containsOnlyOnce("TicketMergedEvent");
                assertThat(types(survivor))
                        .doesNotContain("TicketMergedEvent")
                        .containsOnlyOnce("InternalNoteAddedEvent");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Another writer appends the ticket's next version while a command is deciding on the one before: the
     * command's append waits for it and then collides with it (SQLState 23505), and is decided again on the
     * latest version instead of failing.
     */
    @Test
    void aCommandThatLostTheRaceForAVersionIsDecidedAgainOnTheLatestOne() throws Exception {
        String id = openTicket(); // version 3
        Answer answer = whileAnotherWriterAppendsVersionFour(
                id,
                post("/api/tickets/" + id + "/replies", "{\"body\":\"mine\",\"visibility\":\"INTERNAL\"}")
                        .as("alice"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo(5);
        JsonNode events = call("GET", "/api/tickets/" + id + "/history")
                .as("ana")
                .send()
                .json()
                .get("events");
        assertThat(events).hasSize(5);
        assertThat(events.get(3).get("payload").get("body").asText()).isEqualTo("written elsewhere");
        assertThat(events.get(4).get("payload").get("body").asText()).isEqualTo("mine");
        assertThat(events.get(4).get("actor").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void aCommandWhoseIfMatchWentStaleWhileItWaitedIsRefusedAndStoresNothing() throws Exception {
        String id = openTicket(); // version 3
        Answer answer = whileAnotherWriterAppendsVersionFour(
                id,
                post("/api/tickets/" + id + "/replies", "{\"body\":\"mine\",\"visibility\":\"INTERNAL\"}")
                        .as("alice")
                        .header("If-Match", "\"3\""));

        assertThat(answer.status()).as(answer.body()).isEqualTo(412);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(call("GET", "/api/tickets/" + id + "/history")
                        .as("ana")
                        .send()
                        .json()
                        .get("events"))
                .hasSize(4);
    }

    /**
     * Stores version 4 of the ticket (a note by bob) in a transaction of its own, sends the call once that row
     * is written but not committed, commits when the call's own append waits for it, and answers the call's
     * answer.
     */
    private Answer whileAnotherWriterAppendsVersionFour(String ticketId, Call call) throws Exception {
        try (Connection other = jdbc.getDataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 3, 'Ticket', ?, 'dev.supportdesk.contract.events.InternalNoteAddedEvent', '1', ?, ?)""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, ticketId);
                insert.setString(3, Instant.now().toString());
                insert.setBytes(
                        4,
                        ("{\"ticketId\":\"" + ticketId + "\",\"body\":\"written elsewhere\"}")
                                .getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, "{\"actor\":\"bob\",\"actorRole\":\"AGENT\"}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(call::send);
            await().atMost(Duration.ofSeconds(60)).until(() -> answer.isDone() || waitingForLocks() > 0);
            assertThat(answer).as("the command waits for the other writer").isNotDone();
            other.commit();
            return answer.get(60, TimeUnit.SECONDS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long waitingForLocks() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Long.class);
    }

    private List<String> types(String ticketId) {
        List<String> types = new ArrayList<>();
        call("GET", "/api/tickets/" + ticketId + "/history")
                .as("ana")
                .send()
                .json()
                .get("events")
                .forEach(event -> types.add(event.get("type").asText()));
        return types;
    }
}
