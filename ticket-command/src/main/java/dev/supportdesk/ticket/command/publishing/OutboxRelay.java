package dev.supportdesk.ticket.command.publishing;

import dev.supportdesk.platform.jdbc.OwnConnections;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import dev.supportdesk.platform.kafka.TicketTopic;
import dev.supportdesk.platform.worker.WorkerThread;
import dev.supportdesk.ticket.command.eventstore.CommitHorizon;
import dev.supportdesk.ticket.command.eventstore.EventFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The outbox: reads the event store in position order and puts every event on the ticket topic, keyed by its
 * stream's id, acknowledged by every in-sync replica (acks=all, idempotent producer) before its position is
 * recorded as published. One batch at a time: sent together, then the acknowledgements awaited; while Kafka
 * is away the producer keeps retrying the same records, in order, so a ticket's events reach the topic in order.
 * <p>
 * Nothing is skipped: a position it read past before its transaction committed stays a gap
 * ({@link OutboxProgress}) until the event appears or the {@link CommitHorizon}, the position below which every
 * transaction has ended, shows it never will; no timeout drops a gap, however late the commit. Nothing is
 * lost in a crash: the cursor moves only after Kafka acknowledged, so at most the last unacknowledged batch is
 * sent again, and consumers drop what they already applied. If the store's positions ever go backwards (the
 * highest position handed out is below the cursor: a database restored from an old backup, or one that ran
 * without durability and crashed) it refuses to go on, loudly, rather than publish positions it already passed.
 * <p>
 * One instance of ticket-command publishes at a time: the one holding a PostgreSQL advisory lock on its own
 * connection. When that instance dies its connection closes, the lock is free, and another takes over from the
 * stored cursor. It holds no transaction open while it waits for Kafka.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The advisory lock every ticket-command instance competes for; its holder publishes. */
    static final long LEADER_LOCK = 7_104_519_260_001L;

    static final String CURSOR = "kafka";

    /** What the relay does now. */
    enum State {
        STARTING,
        STANDBY,
        PUBLISHING,
        KAFKA_UNAVAILABLE,
        DATABASE_UNAVAILABLE,
        REFUSING,
        STOPPED
    }

    private final DataSource dataSource;
    private final Supplier<Producer<String, byte[]>> producers;
    private final TicketTopic topic;
    private final PublishingProperties properties;
    private final Clock clock;
    private final EventFeed feed = new EventFeed();
    private final CommitHorizon horizon = new CommitHorizon();
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition woken = wakeLock.newCondition();
    private boolean wakeRequested;

    private final WorkerThread worker = new WorkerThread("outbox-relay", Duration.ofSeconds(10));
    private volatile State state = State.STOPPED;
    private volatile long cursor = -1;
    private volatile long lastDrawn;
    private volatile String problem;
    private volatile Instant lastPublishedAt;
    private volatile int openPositions;

    // Owned by the worker thread.
    private Connection connection;
    private JdbcTemplate jdbc;
    private OutboxProgress progress;
    private Producer<String, byte[]> producer;
    /** The last horizon taken; positions read past above it are kept as open until a later one passes them. */
    private long settled;

    private int failures;
    private Instant nextComplaint = Instant.EPOCH;

    OutboxRelay(
            DataSource dataSource,
            Supplier<Producer<String, byte[]>> producers,
            TicketTopic topic,
            PublishingProperties properties,
            Clock clock) {
        this.dataSource = dataSource;
        this.producers = producers;
        this.topic = topic;
        this.properties = properties;
        this.clock = clock;
    }

    /** A command committed in this instance: publish without waiting for the next idle poll. */
    void wake() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            woken.signal();
        } finally {
            wakeLock.unlock();
        }
    }

    // ---- lifecycle

    @Override
    public void start() {
        state = State.STARTING;
        worker.start(this::run);
    }

    @Override
    public void stop() {
        worker.stop(this::wake);
        release();
        discardProducer();
        state = State.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** Stops before the connection pool and the producer close. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void run() {
        while (worker.running()) {
            try {
                if (!leading()) {
                    state = State.STANDBY;
                    idle(properties.standbyPoll());
                    continue;
                }
                boolean published = publishOnce();
                failures = 0;
                if (!published) {
                    idle(properties.idlePoll());
                }
            } catch (SQLException | RuntimeException e) {
                if (!worker.running()) {
                    break;
                }
                failures++;
                state = State.DATABASE_UNAVAILABLE;
                complain("The outbox cannot read the event store (attempt " + failures + "): " + e.getMessage(), e);
                release();
                idle(properties.retryPause());
            }
        }
        release();
        state = State.STOPPED;
    }

    /** True while this instance holds the leader lock; takes it when it is free. */
    private boolean leading() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return true;
        }
        Connection candidate = openConnection();
        boolean locked = false;
        try {
            JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(candidate, true));
            locked = Boolean.TRUE.equals(
                    template.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class, LEADER_LOCK));
            if (!locked) {
                return false;
            }
            connection = candidate;
            jdbc = template;
            cursor = readCursor();
            progress = new OutboxProgress(cursor);
            settled = horizon.advance(jdbc);
            log.info("This instance publishes the event store to {} from position {}", topic.name(), cursor);
            return true;
        } finally {
            if (!locked) {
                candidate.close();
            }
        }
    }

    /**
     * A connection of the relay's own, outside the pool: the advisory lock belongs to its session, and a pooled
     * connection would go back to the pool still holding it.
     */
    private Connection openConnection() throws SQLException {
        Connection opened = OwnConnections.open(dataSource);
        opened.setAutoCommit(true);
        opened.setNetworkTimeout(
                Runnable::run, (int) properties.statementTimeout().toMillis());
        return opened;
    }

    private long readCursor() {
        jdbc.update(
                "INSERT INTO outbox_cursor (name, position, updated_at) VALUES (?, 0, now()) ON CONFLICT DO NOTHING",
                CURSOR);
        return jdbc.queryForObject("SELECT position FROM outbox_cursor WHERE name = ?", Long.class, CURSOR);
    }

    /** Publishes what was committed since the last call; false when there was nothing to publish. */
    private boolean publishOnce() {
        lastDrawn = CommitHorizon.lastDrawn(jdbc);
        if (lastDrawn < progress.readUpTo()) {
            refuse();
            return false;
        }
        // Three reads, each in a snapshot of its own, in this order. The horizon first (only open positions need
        // it, to tell a rollback from a late commit): what it settles was final before the reads, so an event
        // committed there is visible to them. Then what is new, and only then the open positions: a ticket's
        // version found new was stored after the version below it had committed, so the later read of open
        // positions sees that one too, and the batch, sorted, puts it first. Read the other way round, an open
        // version N committing, and N + 1 being stored, between the two reads would send N + 1 alone, before N.
        if (!progress.gaps().isEmpty()) {
            settled = horizon.advance(jdbc);
        }
        List<EventEnvelope> fresh = feed.readAfter(jdbc, progress.readUpTo(), properties.batchSize());
        List<EventEnvelope> gapsFound = feed.readPositions(jdbc, progress.gaps());
        if (gapsFound.isEmpty() && fresh.isEmpty()) {
            progress.settled(settled);
            storeCursor();
            if (state != State.KAFKA_UNAVAILABLE) {
                state = State.PUBLISHING;
            }
            return false;
        }
        if (!topic.isCreated()) {
            // Sending first would make the broker auto-create the topic with its default partition count.
            state = State.KAFKA_UNAVAILABLE;
            problem = "topic " + topic.name() + " is not created yet";
            complain("Cannot publish yet: " + problem, null);
            idle(properties.retryPause());
            return true;
        }
        List<EventEnvelope> batch = new ArrayList<>(gapsFound);
        batch.addAll(fresh);
        batch.sort(Comparator.comparingLong(EventEnvelope::position));
        int acknowledged = send(batch);
        if (acknowledged == 0) {
            idle(properties.retryPause());
            return true;
        }
        List<EventEnvelope> done = batch.subList(0, acknowledged);
        // Found gaps come first in position order, then what was read after them.
        java.util.Set<Long> gapPositions = new java.util.HashSet<>(positions(gapsFound));
        List<EventEnvelope> gapsDone = done.stream()
                .filter(event -> gapPositions.contains(event.position()))
                .toList();
        List<EventEnvelope> freshDone = done.stream()
                .filter(event -> !gapPositions.contains(event.position()))
                .toList();
        // Only a whole batch may drop gaps by the horizon: a found gap not yet acknowledged must stay open.
        progress.published(
                positions(gapsDone), positions(freshDone), acknowledged == batch.size() ? settled : Long.MIN_VALUE);
        storeCursor();
        lastPublishedAt = clock.instant();
        if (state == State.KAFKA_UNAVAILABLE) {
            log.info("Kafka is back: the outbox publishes again from position {}", cursor);
        }
        state = State.PUBLISHING;
        problem = null;
        return true;
    }

    private void storeCursor() {
        openPositions = progress.gaps().size();
        long contiguous = progress.contiguous();
        if (contiguous != cursor) {
            jdbc.update("UPDATE outbox_cursor SET position = ?, updated_at = now() WHERE name = ?", contiguous, CURSOR);
            cursor = contiguous;
        }
    }

    private static List<Long> positions(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::position).toList();
    }

    /**
     * Sends the batch and waits for the acknowledgements; answers how many events, from the first, Kafka
     * acknowledged. While the broker is away the producer retries by itself, in order, and never gives a record
     * up (delivery.timeout.ms is unbounded): resending instead would let a later event of a ticket that was
     * still being retried reach the topic before an earlier one. A send the producer refuses outright (no
     * broker known within max.block.ms) ends the batch there; the rest goes in the next round, after the part
     * already handed over is acknowledged.
     */
    private int send(List<EventEnvelope> events) {
        Producer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            try {
                sent.add(kafka.send(EventRecords.toRecord(topic.name(), event)));
            } catch (org.apache.kafka.common.KafkaException refused) {
                kafkaUnavailable("Kafka takes no events yet: " + refused.getMessage());
                break;
            }
        }
        int acknowledged = 0;
        for (Future<RecordMetadata> acknowledgement : sent) {
            while (true) {
                try {
                    acknowledgement.get(properties.acknowledgementWait().toMillis(), TimeUnit.MILLISECONDS);
                    acknowledged++;
                    break;
                } catch (TimeoutException stillRetrying) {
                    kafkaUnavailable("waiting for Kafka to acknowledge the events after position " + cursor);
                    if (!worker.running()) {
                        return acknowledged;
                    }
                } catch (ExecutionException failed) {
                    // The producer gave the record up (an error it does not retry): a new producer sends the rest.
                    kafkaUnavailable("Kafka refused an event after position " + cursor + ": " + failed.getCause());
                    discardProducer();
                    return acknowledged;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return acknowledged;
                }
            }
        }
        return acknowledged;
    }

    private void kafkaUnavailable(String why) {
        state = State.KAFKA_UNAVAILABLE;
        problem = why;
        complain(why, null);
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private void discardProducer() {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    private void refuse() {
        state = State.REFUSING;
        problem = "the event store's highest position " + lastDrawn + " is below the published position " + cursor
                + ": positions went backwards (a restored or crashed database lost events that were already "
                + "published). The outbox refuses to publish until an operator has looked at it";
        complain("REFUSING TO PUBLISH: " + problem, null);
    }

    /** Logs a problem at once, then at most every 30 s while it lasts. */
    private void complain(String message, Throwable cause) {
        Instant now = clock.instant();
        if (now.isBefore(nextComplaint)) {
            return;
        }
        nextComplaint = now.plusSeconds(30);
        if (state == State.REFUSING) {
            log.error(message);
        } else {
            log.warn(message, cause);
        }
    }

    private void idle(Duration pause) {
        wakeLock.lock();
        try {
            if (!wakeRequested) {
                woken.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only stop() interrupts; the loop then ends
        } finally {
            wakeLock.unlock();
        }
    }

    private void release() {
        Connection current = connection;
        connection = null;
        jdbc = null;
        if (current != null) {
            try {
                current.close(); // a connection of its own, not the pool's: closing it ends the session and the lock
            } catch (SQLException ignored) {
                // the connection is gone anyway, and the lock with it
            }
        }
    }

    // ---- what health and the admin view read

    State state() {
        return state;
    }

    long cursor() {
        return cursor;
    }

    long lastDrawn() {
        return lastDrawn;
    }

    String problem() {
        return problem;
    }

    Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    /** Positions read past whose transactions had not ended: published when they commit. */
    int openPositions() {
        return openPositions;
    }
}
