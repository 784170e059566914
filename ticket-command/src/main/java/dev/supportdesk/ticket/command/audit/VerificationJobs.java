package dev.supportdesk.ticket.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whole-store verifications as jobs: started by a request, run on a thread of their own, their progress and
 * result kept in {@code audit_verification}. One runs at a time per instance; asking while one runs answers
 * the running one.
 */
class VerificationJobs implements AutoCloseable {

    enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /** A job as answered: the result is there once it is DONE. */
    record Job(
            String id,
            State state,
            String requestedBy,
            Instant startedAt,
            Instant finishedAt,
            long streamsTotal,
            long streamsChecked,
            long eventsChecked,
            JsonNode result) {}

    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate apart;
    private final AuditVerification verification;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-verification");
        thread.setDaemon(true);
        return thread;
    });

    VerificationJobs(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AuditVerification verification,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.verification = verification;
        this.json = json;
        this.clock = clock;
    }

    /** Starts a job, or answers the one this store is already running. */
    synchronized Job start(String requestedBy) {
        Optional<Job> running = latest(State.RUNNING);
        if (running.isPresent()) {
            return running.get();
        }
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO audit_verification (id, state, requested_by, started_at, updated_at, streams_total,
                    streams_checked, events_checked) VALUES (?, 'RUNNING', ?, ?, ?, ?, 0, 0)""", id, requestedBy, now, now, verification.streamsToCheck());
        worker.execute(() -> run(id));
        return find(id).orElseThrow();
    }

    private void run(String id) {
        try {
            // Progress is written while the check reads the store in a read-only transaction of its own: each
            // write commits apart from it, so the GET shows it at once.
            AuditVerification.Result result =
                    verification.verifyAll((streams, events) -> apart.executeWithoutResult(status -> jdbc.update(
                            "UPDATE audit_verification SET streams_checked = ?, events_checked = ?, updated_at = ?"
                                    + " WHERE id = ?",
                            streams,
                            events,
                            Timestamp.from(clock.instant()),
                            id)));
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update(
                    """
                    UPDATE audit_verification SET state = 'DONE', result = ?, finished_at = ?, updated_at = ?,
                        streams_checked = ?, events_checked = ? WHERE id = ?""",
                    json.writeValueAsString(VerificationView.of(result, id, now.toInstant())),
                    now,
                    now,
                    result.ticketsChecked(),
                    result.eventsChecked(),
                    id);
        } catch (RuntimeException | JsonProcessingException e) {
            log.error("Audit verification {} failed", id, e);
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update(
                    "UPDATE audit_verification SET state = 'FAILED', finished_at = ?, updated_at = ? WHERE id = ?",
                    now,
                    now,
                    id);
        }
    }

    Optional<Job> find(String id) {
        return one(jdbc.query("SELECT * FROM audit_verification WHERE id = ?", (rs, row) -> job(rs), id));
    }

    /** The most recently started job in that state. */
    Optional<Job> latest(State state) {
        return one(jdbc.query(
                "SELECT * FROM audit_verification WHERE state = ? ORDER BY started_at DESC LIMIT 1",
                (rs, row) -> job(rs),
                state.name()));
    }

    private Job job(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        String result = rs.getString("result");
        JsonNode resultNode;
        try {
            resultNode = result == null ? null : json.readTree(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verification result is not JSON", e);
        }
        return new Job(
                rs.getString("id"),
                State.valueOf(rs.getString("state")),
                rs.getString("requested_by"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getLong("streams_total"),
                rs.getLong("streams_checked"),
                rs.getLong("events_checked"),
                resultNode);
    }

    private static <T> Optional<T> one(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
