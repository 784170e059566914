package dev.supportdesk.ticket.query.replay;

import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumers;
import dev.supportdesk.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model from the first event while the live one keeps serving (docs/ticket-query.md, "Replay"):
 * <ol>
 *     <li>a fresh copy of the service's schema ({@link ReplaySchema}) is migrated;</li>
 *     <li>a second consumer, {@code <name>.replay} (its own Kafka group, its state in the copy), reads the topic
 *     from offset 0 and applies every event with the read model's own handlers into the copy, a whole batch at a
 *     time ({@link StreamConsumers#createBulk}, and the read model's batch handler when it has one);</li>
 *     <li>once the copy has read as far as the live consumer on every partition, the live consumer stops, the copy
 *     catches up to where the live one stopped, and one transaction moves the live tables out, the copy's tables
 *     in, and puts the copy's consumer state in place of the live one's;</li>
 *     <li>the live consumer starts again from that state; the old tables and the copy's schema are dropped.</li>
 * </ol>
 * Readers see the old tables until that transaction commits and the new ones after it; nothing in between.
 */
class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final int LISTED = 5;
    private static final String LOCK_TIMEOUT = "2s";
    private static final int SWITCH_ATTEMPTS = 5;

    /** What a replay request answers. */
    record Started(String id, String projection, String state) {}

    private final Map<String, ReplayableReadModel> models = new LinkedHashMap<>();
    private final Map<String, StreamConsumer> live = new HashMap<>();
    private final StreamConsumers consumers;
    private final ReplaySchema schema;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;
    private final AtomicReference<Run> running = new AtomicReference<>();

    Replays(
            List<ReplayableReadModel> models,
            List<StreamConsumer> liveConsumers,
            StreamConsumers consumers,
            ReplaySchema schema,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock,
            int batchSize) {
        for (ReplayableReadModel model : models) {
            StreamConsumer consumer = liveConsumers.stream()
                    .filter(c -> c.name().equals(model.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "read model " + model.name() + " has no live consumer of that name"));
            this.models.put(model.name(), model);
            this.live.put(model.name(), consumer);
            model.reportWith(this::status);
        }
        this.consumers = consumers;
        this.schema = schema;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Starts a rebuild; 404 for a read model this service does not have, 409 while another rebuild runs. */
    Started start(String name, String requestedBy) {
        ReplayableReadModel model = models.get(name);
        if (model == null) {
            throw ApiProblem.notFound("No replayable read model " + name + " in ticket-query");
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        try {
            transactions.executeWithoutResult(status -> {
                // A replay whose instance died stops holding the slot once its heartbeat is old.
                jdbc.update(
                        "UPDATE projection_replay SET state = 'INTERRUPTED', finished_at = ?,"
                                + " error = 'its instance stopped before it finished'"
                                + " WHERE state IN ('RUNNING', 'SWITCHING') AND heartbeat_at < ?",
                        timestamp(now),
                        timestamp(now.minus(HEARTBEAT_TIMEOUT)));
                jdbc.update(
                        "INSERT INTO projection_replay (id, projection, state, requested_by, started_at, heartbeat_at)"
                                + " VALUES (?, ?, 'RUNNING', ?, ?, ?)",
                        id,
                        name,
                        requestedBy,
                        timestamp(now),
                        timestamp(now));
            });
        } catch (DuplicateKeyException e) {
            String other = jdbc
                    .queryForList(
                            "SELECT projection FROM projection_replay WHERE state IN ('RUNNING', 'SWITCHING')",
                            String.class)
                    .stream()
                    .findFirst()
                    .orElse("another read model");
            throw ApiProblem.conflict("A replay of " + other + " is running; one replay runs at a time")
                    .with("running", other);
        }
        Run run = new Run(id, model, live.get(name), now);
        running.set(run);
        Thread thread = new Thread(run::execute, "replay-" + name);
        thread.setDaemon(true);
        thread.start();
        log.info("Replay {} of {} started by {}", id, name, requestedBy);
        return new Started(id, name, "RUNNING");
    }

    /** The replay members of a read model's entry in GET /api/admin/projections. */
    Map<String, Object> status(String name) {
        List<Map<String, Object>> replays = jdbc.query(
                "SELECT * FROM projection_replay WHERE projection = ? ORDER BY started_at DESC LIMIT " + LISTED,
                (rs, row) -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", rs.getString("id"));
                    view.put("state", rs.getString("state"));
                    view.put("requestedBy", rs.getString("requested_by"));
                    view.put("startedAt", instant(rs.getTimestamp("started_at")));
                    view.put("finishedAt", instant(rs.getTimestamp("finished_at")));
                    view.put("eventsDone", rs.getLong("events_done"));
                    long target = rs.getLong("events_target");
                    view.put("eventsTarget", rs.wasNull() ? null : target);
                    view.put("error", rs.getString("error"));
                    return view;
                },
                name);
        Run run = running.get();
        replays.stream()
                .filter(view -> run != null && run.id.equals(view.get("id")))
                .forEach(view -> view.putAll(run.progress()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("replayable", true);
        details.put("replay", replays.isEmpty() ? null : replays.get(0));
        details.put("replays", replays);
        return details;
    }

    /** One rebuild, on its own thread. */
    private final class Run {
        final String id;
        final ReplayableReadModel model;
        final StreamConsumer liveConsumer;
        final Instant startedAt;
        final String replayName;
        volatile long done;
        volatile long target;
        volatile String phase = "MIGRATING";

        Run(String id, ReplayableReadModel model, StreamConsumer liveConsumer, Instant startedAt) {
            this.id = id;
            this.model = model;
            this.liveConsumer = liveConsumer;
            this.startedAt = startedAt;
            this.replayName = model.name() + ".replay";
        }

        /** Events done (records read from the topic), the rate since the start and what is left at that rate. */
        Map<String, Object> progress() {
            Map<String, Object> progress = new LinkedHashMap<>();
            double seconds =
                    Math.max(0.001, Duration.between(startedAt, clock.instant()).toMillis() / 1000.0);
            double rate = done / seconds;
            progress.put("phase", phase);
            progress.put("eventsDone", done);
            progress.put("eventsTarget", target);
            progress.put("eventsPerSecond", Math.round(rate * 10) / 10.0);
            progress.put(
                    "estimatedSecondsLeft",
                    rate <= 0 ? null : Math.round(Math.max(0, target - done) / rate * 10) / 10.0);
            return progress;
        }

        void execute() {
            StreamConsumer copy = null;
            boolean liveStopped = false;
            try {
                schema.create();
                copy = consumers.createBulk(
                        replayName, model.ownedTypes(), new TransactionTemplate(schema.transactions()), batchSize);
                AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(model.handlers());
                if (model.batchHandler() != null) {
                    copy.subscribe(model.batchHandler());
                } else {
                    copy.subscribe(messages -> messages.forEach(message -> handle(handlers, message)));
                }
                phase = "REBUILDING";
                copy.start();
                awaitCaughtUp(liveConsumer.storedOffsets(), false);
                // The final catch-up: the live consumer stops where it is, the copy reads up to there.
                phase = "CATCHING_UP";
                liveConsumer.stop();
                liveStopped = true;
                awaitCaughtUp(liveConsumer.storedOffsets(), true);
                copy.stop();
                phase = "SWITCHING";
                switchOverPatiently();
                liveConsumer.start();
                liveStopped = false;
                schema.dropLeftovers();
                finish("DONE", null);
                log.info("Replay {} of {} switched over after {} events", id, model.name(), done);
            } catch (RuntimeException | Error e) {
                log.error("Replay {} of {} failed; the live read model serves on", id, model.name(), e);
                finish("FAILED", e.toString());
            } finally {
                if (copy != null) {
                    copy.stop();
                }
                if (liveStopped) {
                    liveConsumer.start();
                }
                running.compareAndSet(this, null);
            }
        }

        private void handle(AnnotationEventHandlerAdapter handlers, EventMessage<?> message) {
            try {
                handlers.handle(message);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Until the copy has read as far as {@code goal} on every partition; the heartbeat goes on meanwhile. */
        private void awaitCaughtUp(Map<Integer, Long> goal, boolean exact) {
            target = goal.values().stream().mapToLong(Long::longValue).sum();
            while (true) {
                Map<Integer, Long> copied = copyOffsets();
                done = copied.values().stream().mapToLong(Long::longValue).sum();
                heartbeat();
                boolean caughtUp = goal.entrySet().stream()
                        .allMatch(entry -> copied.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
                if (caughtUp) {
                    return;
                }
                if (!exact) {
                    // the live model moves on meanwhile: aim at where it is now
                    goal = liveConsumer.storedOffsets();
                    target = goal.values().stream().mapToLong(Long::longValue).sum();
                }
                try {
                    // the replay's own thread polling its progress, not a test wait
                    Thread.sleep(TICK.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted", e);
                }
            }
        }

        private Map<Integer, Long> copyOffsets() {
            Map<Integer, Long> offsets = new HashMap<>();
            jdbc.query(
                    "SELECT partition, next_offset FROM " + ReplaySchema.quoted(schema.copy())
                            + ".consumer_offset WHERE consumer = ?",
                    rs -> {
                        offsets.put(rs.getInt(1), rs.getLong(2));
                    },
                    replayName);
            return offsets;
        }

        /**
         * A long read holding a live table would make the switch wait, and every reader after it wait behind the
         * switch: the switch waits at most {@value #LOCK_TIMEOUT} for its locks, then rolls back (nothing changed)
         * and tries again, a few times.
         */
        private void switchOverPatiently() {
            for (int attempt = 1; ; attempt++) {
                try {
                    switchOver();
                    return;
                } catch (DataAccessException e) {
                    if (attempt == SWITCH_ATTEMPTS) {
                        throw e;
                    }
                    log.warn(
                            "Replay {}: switch attempt {} could not take the tables' locks; trying again", id, attempt);
                }
            }
        }

        /**
         * One transaction: the live tables move out, the copy's move in, and the live consumer's state becomes the
         * copy's. Moving a table takes its exclusive lock, so a reader waits the few milliseconds this takes and
         * then reads one side or the other, never a mix.
         */
        private void switchOver() {
            String liveSchema = ReplaySchema.quoted(schema.live());
            String copySchema = ReplaySchema.quoted(schema.copy());
            String retired = ReplaySchema.quoted(schema.retired());
            transactions.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + retired);
                for (String table : model.tables()) {
                    jdbc.execute("ALTER TABLE " + liveSchema + "." + table + " SET SCHEMA " + retired);
                }
                for (String table : model.tables()) {
                    jdbc.execute("ALTER TABLE " + copySchema + "." + table + " SET SCHEMA " + liveSchema);
                }
                for (String table : List.of("consumer_offset", "consumer_stream", "consumer_parked")) {
                    jdbc.update("DELETE FROM " + liveSchema + "." + table + " WHERE consumer = ?", model.name());
                    jdbc.update(
                            "INSERT INTO " + liveSchema + "." + table + " SELECT * FROM " + copySchema + "." + table
                                    + " WHERE consumer = ?",
                            replayName);
                    jdbc.update(
                            "UPDATE " + liveSchema + "." + table + " SET consumer = ? WHERE consumer = ?",
                            model.name(),
                            replayName);
                }
                jdbc.update(
                        "UPDATE projection_replay SET state = 'SWITCHING', events_done = ?, events_target = ?,"
                                + " heartbeat_at = ? WHERE id = ?",
                        done,
                        target,
                        timestamp(clock.instant()),
                        id);
            });
        }

        private void heartbeat() {
            jdbc.update(
                    "UPDATE projection_replay SET heartbeat_at = ?, events_done = ?, events_target = ? WHERE id = ?",
                    timestamp(clock.instant()),
                    done,
                    target,
                    id);
        }

        private void finish(String state, String error) {
            try {
                jdbc.update(
                        "UPDATE projection_replay SET state = ?, finished_at = ?, error = ?, events_done = ?"
                                + " WHERE id = ?",
                        state,
                        timestamp(clock.instant()),
                        error,
                        done,
                        id);
            } catch (RuntimeException e) {
                log.error("Replay {}: its outcome {} could not be recorded", id, state, e);
            }
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
