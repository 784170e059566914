package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/events} against the real store: a reader paging with {@code after} while writers commit and some
 * transactions stay open on purpose sees every event exactly once, in position order, each stream's versions in
 * order; nothing that commits late is skipped.
 */
class EventFeedIT extends CommandApiTestSupport {

    private static final int WRITERS = 4;
    private static final int TICKETS_EACH = 4;

    /** What the reader was served, in order. */
    record Served(long position, String aggregateType, String aggregateId, String ticketId, long version) {}

    @Test
    void aReaderPagingWithAfterSeesEveryEventOnceWhileWritersCommitAndSomeTransactionsCommitLate() throws Exception {
        List<Served> served = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        // Other tests of this JVM share the store, and the audit tests cut holes into their own streams on
        // purpose: the version check below is about the streams this test writes.
        long startedAfter = lastRow();
        try (Connection heldA = jdbc.getDataSource().getConnection();
                Connection heldB = jdbc.getDataSource().getConnection();
                Connection rolledBack = jdbc.getDataSource().getConnection()) {
            threads.submit(() -> read(served, reading, readerFailure));

            heldA.setAutoCommit(false);
            long positionA = insert(heldA, "SlaPolicy", "held-a-" + UUID.randomUUID());

            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(threads.submit(this::write));
            }
            // B and C draw their positions while the writers commit around them.
            await().atMost(Duration.ofMinutes(2)).until(() -> lastRow() > positionA + 5);
            heldB.setAutoCommit(false);
            long positionB = insert(heldB, "Calendar", "held-b-" + UUID.randomUUID());
            rolledBack.setAutoCommit(false);
            long positionC = insert(rolledBack, "SlaPolicy", "rolled-back-" + UUID.randomUUID());
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            assertThat(lastRow())
                    .as("the writers committed after the held positions")
                    .isGreaterThan(positionC);

            // While A is open the reader gets everything committed below it and nothing above it.
            List<Long> committedBelowA = committedPositions(positionA);
            await().atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> assertThat(positions(served)).containsAll(committedBelowA));
            assertThat(positions(served)).allMatch(p -> p < positionA);

            rolledBack.rollback();
            heldB.commit();
            heldA.commit();

            List<Long> all = committedPositions(Long.MAX_VALUE);
            assertThat(all).contains(positionA, positionB).doesNotContain(positionC);
            await().atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> assertThat(positions(served)).containsAll(all));
            reading.set(false);
        } finally {
            reading.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(readerFailure.get()).isNull();

        List<Long> positions = positions(served);
        assertThat(positions).as("every event once, in position order").isEqualTo(committedPositions(Long.MAX_VALUE));
        assertThat(new HashSet<>(positions)).hasSameSizeAs(positions);
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (Served s : served) {
            if (s.position() <= startedAfter) {
                continue;
            }
            versions.computeIfAbsent(s.aggregateId(), k -> new ArrayList<>()).add(s.version());
            if ("Ticket".equals(s.aggregateType())) {
                assertThat(s.ticketId()).isEqualTo(s.aggregateId());
            } else {
                assertThat(s.ticketId()).isNull();
            }
        }
        versions.forEach((stream, seen) -> {
            List<Long> expected = new ArrayList<>();
            for (long v = 1; v <= seen.size(); v++) {
                expected.add(v);
            }
            assertThat(seen).as("versions of %s", stream).isEqualTo(expected);
        });
        assertThat(served)
                .filteredOn(s -> s.aggregateId().startsWith("held-b-"))
                .singleElement()
                .extracting(Served::aggregateType)
                .isEqualTo("Calendar");
    }

    private void read(List<Served> served, AtomicBoolean reading, AtomicReference<Throwable> failure) {
        long after = 0;
        try {
            while (reading.get()) {
                Answer page = call("GET", "/api/events?after=" + after + "&limit=7")
                        .as("ana")
                        .send();
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                JsonNode body = page.json();
                long previous = after;
                for (JsonNode item : body.get("items")) {
                    long position = item.get("position").asLong();
                    assertThat(position).as("strictly increasing").isGreaterThan(previous);
                    previous = position;
                    served.add(new Served(
                            position,
                            item.get("aggregateType").asText(),
                            item.get("aggregateId").asText(),
                            item.get("ticketId").isNull()
                                    ? null
                                    : item.get("ticketId").asText(),
                            item.get("version").asLong()));
                }
                long next = body.get("next").asLong();
                assertThat(next).isEqualTo(previous);
                assertThat(page.header("Feed-Next")).isEqualTo(Long.toString(next));
                after = next;
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private Void write() {
        for (int t = 0; t < TICKETS_EACH; t++) {
            String id = openTicket();
            assertThat(post("/api/tickets/" + id + "/assign", "{\"assignee\":\"bob\"}")
                            .as("alice")
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(post("/api/tickets/" + id + "/replies", "{\"body\":\"Looking\",\"visibility\":\"PUBLIC\"}")
                            .as("bob")
                            .send()
                            .status())
                    .isEqualTo(200);
        }
        return null;
    }

    @Test
    void ndjsonStreamsTheSameItemsOnePerLineWithNextInAHeader() {
        openTicket();
        openTicket();
        Answer json = call("GET", "/api/events?after=0&limit=5").as("audrey").send();
        Answer lines = call("GET", "/api/events?after=0&limit=5")
                .as("audrey")
                .header("Accept", "application/x-ndjson")
                .send();

        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> items = new ArrayList<>();
        for (String line : lines.body().split("\n")) {
            items.add(new Answer(200, line, Map.of()).json());
        }
        List<JsonNode> expected = new ArrayList<>();
        json.json().get("items").forEach(expected::add);
        assertThat(items).hasSize(5).isEqualTo(expected);
        assertThat(lines.header("Feed-Next")).isEqualTo(json.json().get("next").asText());
        assertThat(lines.body()).endsWith("\n");
    }

    @Test
    void anEmptyPageAnswersNextAsAfter() {
        long beyond = lastRow() + 1_000_000;
        Answer page = call("GET", "/api/events?after=" + beyond).as("admin").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).isEmpty();
        assertThat(page.json().get("next").asLong()).isEqualTo(beyond);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "after=-1",
                "after=abc",
                "after=1.0",
                "after=",
                "after=%201",
                "after=01",
                "after=99999999999999999999",
                "after=1&after=2",
                "limit=0",
                "limit=5001",
                "limit=10x",
                "limit=",
                "limit=-5",
                "limit=1e3",
                "limit=0100"
            })
    void refusesBadParametersAsProblems(String query) {
        Answer answer = call("GET", "/api/events?" + query).as("ana").send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aBadParameterIsAProblemEvenWhenOnlyNdjsonIsAccepted() {
        Answer answer = call("GET", "/api/events?limit=0")
                .as("ana")
                .header("Accept", "application/x-ndjson")
                .send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theLargestPageIsAllowed() {
        assertThat(call("GET", "/api/events?limit=5000").as("ana").send().status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "sam"})
    void agentsAndSupervisorsMayNotReadTheFeed(String user) {
        Answer answer = call("GET", "/api/events").as(user).send();
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anAnonymousCallerIsAskedToSignIn() {
        assertThat(call("GET", "/api/events").send().status()).isEqualTo(401);
    }

    private long lastRow() {
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM ticket_command.domain_event_entry", Long.class);
        return last == null ? 0 : last;
    }

    private List<Long> committedPositions(long below) {
        return jdbc.queryForList(
                "SELECT global_index FROM ticket_command.domain_event_entry WHERE global_index < ?"
                        + " ORDER BY global_index",
                Long.class,
                below);
    }

    private static List<Long> positions(List<Served> served) {
        List<Long> positions = new ArrayList<>();
        served.forEach(s -> positions.add(s.position()));
        return Collections.unmodifiableList(positions);
    }

    private static long insert(Connection connection, String aggregateType, String aggregateId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO ticket_command.domain_event_entry (event_identifier, aggregate_identifier,
                    sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, ?, ?, 'dev.supportdesk.test.HeldEvent', '1', '{}', '{}') RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregateId);
            insert.setString(3, aggregateType);
            insert.setString(4, Instant.now().toString());
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
