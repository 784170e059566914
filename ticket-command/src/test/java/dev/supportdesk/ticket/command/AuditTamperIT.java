package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Someone with write access to PostgreSQL changes the event store behind the service's back; verification
 * reports exactly what was done, and nothing else (docs/audit.md, "Verification").
 */
class AuditTamperIT extends CommandApiTestSupport {

    /** Every stream a test here altered: a whole-store verification may report these and no other. */
    private static final Set<String> TAMPERED = ConcurrentHashMap.newKeySet();

    private static final String EVENTS = "ticket_command.domain_event_entry";

    /** A ticket of {@code events} events (opening stores three; each internal note one more). */
    private String ticketOf(int events) {
        String id = openTicket();
        for (int version = 4; version <= events; version++) {
            Answer note = post(
                            "/api/tickets/" + id + "/replies",
                            "{\"body\":\"note " + version + "\",\"visibility\":\"INTERNAL\"}")
                    .as("alice")
                    .send();
            assertThat(note.status()).as(note.body()).isEqualTo(200);
        }
        assertThat(streamLength(id)).isEqualTo(events);
        return id;
    }

    private long streamLength(String id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM " + EVENTS + " WHERE aggregate_identifier = ?", Long.class, id);
    }

    private JsonNode verify(String id) {
        Answer answer =
                call("GET", "/api/audit/verify?ticketId=" + id).as("audrey").send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The problems as "version KIND" strings, in the order answered. */
    private static List<String> problems(JsonNode verification, String id) {
        List<String> found = new ArrayList<>();
        for (JsonNode problem : verification.get("problems")) {
            assertThat(problem.get("ticketId").asText()).isEqualTo(id);
            found.add(
                    problem.get("version").asLong() + " " + problem.get("kind").asText());
        }
        return found;
    }

    private void signCheckpoint() {
        Answer signed = post("/api/audit/checkpoints", "").as("admin").send();
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
    }

    private int update(String sql, Object... arguments) {
        return jdbc.update(sql, arguments);
    }

    @Test
    void anUntouchedStreamVerifiesCleanAndHistoryShowsItsChain() throws Exception {
        String id = ticketOf(5);
        JsonNode verification = verify(id);
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("ticketsChecked").asLong()).isEqualTo(1);
        assertThat(verification.get("eventsChecked").asLong()).isEqualTo(5);
        assertThat(verification.get("problems")).isEmpty();

        JsonNode events = call("GET", "/api/tickets/" + id + "/history")
                .as("audrey")
                .send()
                .json()
                .get("events");
        String previous = "0".repeat(64);
        for (JsonNode event : events) {
            assertThat(event.get("previousHash").asText()).isEqualTo(previous);
            assertThat(event.get("hash").asText()).matches("[0-9a-f]{64}").isNotEqualTo(previous);
            previous = event.get("hash").asText();
        }
        // The hash is SHA-256 of the canonical bytes, which PostgreSQL's migration function and docs/audit.md agree on.
        byte[] canonical = jdbc.queryForObject("""
                SELECT ticket_command.audit_canonical_bytes(type, aggregate_identifier, sequence_number + 1,
                    event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data, previous_hash)
                FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 4""", byte[].class, id);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)))
                .isEqualTo(previous);
    }

    @Test
    void aChangedPayloadByteIsAHashMismatchAtThatVersion() {
        String id = ticketOf(5);
        TAMPERED.add(id);
        assertThat(update(
                        "UPDATE " + EVENTS + " SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1)"
                                + " WHERE aggregate_identifier = ? AND sequence_number = 2",
                        id))
                .isEqualTo(1);

        assertThat(problems(verify(id), id)).containsExactly("3 HASH_MISMATCH");
    }

    @Test
    void aDeletedEventIsMissing() {
        String id = ticketOf(5);
        TAMPERED.add(id);
        assertThat(update("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number = 1", id))
                .isEqualTo(1);

        JsonNode verification = verify(id);
        assertThat(verification.get("verified").asBoolean()).isFalse();
        assertThat(problems(verification, id)).containsExactly("2 MISSING");
    }

    @Test
    void twoSwappedEventsAreOutOfOrderAtBothVersions() {
        String id = ticketOf(6);
        TAMPERED.add(id);
        // Three steps, as the stream key forbids two rows at one version even for a moment.
        update(
                "UPDATE " + EVENTS + " SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 3",
                id);
        update(
                "UPDATE " + EVENTS + " SET sequence_number = 3 WHERE aggregate_identifier = ? AND sequence_number = 4",
                id);
        update(
                "UPDATE " + EVENTS + " SET sequence_number = 4 WHERE aggregate_identifier = ? AND sequence_number = -1",
                id);

        assertThat(problems(verify(id), id)).containsExactly("4 OUT_OF_ORDER", "5 OUT_OF_ORDER");
    }

    @Test
    void theLastEventsDeletedAreATruncation() {
        String id = ticketOf(6);
        TAMPERED.add(id);
        assertThat(update("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number >= 4", id))
                .isEqualTo(2);

        assertThat(problems(verify(id), id)).containsExactly("5 TRUNCATED");
    }

    @Test
    void aWholeStreamDeletedIsATruncationEvenWithItsHeadGoneOnceACheckpointSawIt() {
        String id = ticketOf(4);
        String other = ticketOf(4);
        TAMPERED.add(id);
        TAMPERED.add(other);
        signCheckpoint();
        update("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ?", id);
        assertThat(problems(verify(id), id)).containsExactly("1 TRUNCATED");

        update("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ?", other);
        update("DELETE FROM ticket_command.stream_head WHERE aggregate_identifier = ?", other);
        assertThat(problems(verify(other), other)).containsExactly("1 TRUNCATED");
    }

    @Test
    void aRewriteWithEveryLaterHashAndTheHeadTableRecomputedIsCaughtByAnEarlierSignedCheckpoint() {
        String id = ticketOf(5);
        TAMPERED.add(id);
        signCheckpoint();
        Answer later = post(
                        "/api/tickets/" + id + "/replies",
                        "{\"body\":\"after the checkpoint\",\"visibility\":\"INTERNAL\"}")
                .as("alice")
                .send();
        assertThat(later.status()).isEqualTo(200);

        update(
                "UPDATE " + EVENTS + " SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1)"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 3",
                id);
        rechain(id);
        // The chain and the head table alone are consistent again ...
        assertThat(jdbc.queryForObject(
                        "SELECT hash FROM ticket_command.stream_head WHERE aggregate_identifier = ?", byte[].class, id))
                .isEqualTo(jdbc.queryForObject(
                        "SELECT event_hash FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number = 5",
                        byte[].class,
                        id));
        // ... but the checkpoint signed before the rewrite recorded another hash at version 5.
        assertThat(problems(verify(id), id)).containsExactly("5 CHECKPOINT_MISMATCH");
    }

    /** What an attacker with the migration's functions does: recompute every hash of the stream and its head. */
    private void rechain(String id) {
        jdbc.execute("""
                DO $$
                DECLARE
                    r RECORD;
                    previous BYTEA := '\\x' || repeat('00', 32);
                    hash BYTEA;
                BEGIN
                    FOR r IN SELECT * FROM ticket_command.domain_event_entry WHERE aggregate_identifier = '%s'
                             ORDER BY sequence_number LOOP
                        hash := sha256(ticket_command.audit_canonical_bytes(r.type, r.aggregate_identifier,
                            r.sequence_number + 1, r.event_identifier, r.time_stamp, r.payload_type,
                            r.payload_revision, r.payload, r.meta_data, previous));
                        UPDATE ticket_command.domain_event_entry SET event_hash = hash, previous_hash = previous
                        WHERE global_index = r.global_index;
                        previous := hash;
                    END LOOP;
                    UPDATE ticket_command.stream_head SET hash = previous WHERE aggregate_identifier = '%s';
                END
                $$""".formatted(id, id));
    }

    @Test
    void theWholeStoreIsVerifiedAsAJobThatReportsOnlyWhatWasAltered() {
        String clean = ticketOf(4);
        String altered = ticketOf(4);
        TAMPERED.add(altered);
        update(
                "UPDATE " + EVENTS + " SET payload = set_byte(payload, 5, get_byte(payload, 5) # 1)"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 1",
                altered);

        Answer started = post("/api/audit/verify", "").as("audrey").send();
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location)
                .isEqualTo("/api/audit/verify/" + started.json().get("id").asText());

        JsonNode job = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> call("GET", location).as("admin").send().json(),
                        answer -> !"RUNNING".equals(answer.get("state").asText()));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        JsonNode result = job.get("result");
        assertThat(result.get("verified").asBoolean()).isFalse();
        assertThat(result.get("ticketsChecked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(job.get("streamsChecked").asLong())
                .isEqualTo(result.get("ticketsChecked").asLong());
        List<String> alteredProblems = new ArrayList<>();
        for (JsonNode problem : result.get("problems")) {
            String ticket = problem.get("ticketId").asText();
            assertThat(ticket).isNotEqualTo(clean).isIn(TAMPERED);
            if (ticket.equals(altered)) {
                alteredProblems.add(problem.get("version").asLong() + " "
                        + problem.get("kind").asText());
            }
        }
        assertThat(alteredProblems).containsExactly("2 HASH_MISMATCH");

        // Without a ticket id, GET answers the last finished whole-store result.
        JsonNode last = call("GET", "/api/audit/verify").as("audrey").send().json();
        assertThat(last.get("jobId").asText()).isNotBlank();
        assertThat(last.has("problems")).isTrue();
    }

    @Test
    void anAuditorChangesNothingAndAnAgentSeesNoAudit() {
        assertThat(post("/api/audit/checkpoints", "").as("audrey").send().status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/audit/verify?ticketId=T-1")
                        .as("alice")
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/audit/checkpoints").as("alice").send().status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/audit/verify?ticketId=T-1").send().status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/audit/verify?ticketId=NO-SUCH-STREAM")
                        .as("audrey")
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/api/audit/verify?ticketId=bad%20id")
                        .as("audrey")
                        .send()
                        .status())
                .isEqualTo(400);
    }
}
