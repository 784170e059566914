package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.axon.EventMessages;
import dev.supportdesk.platform.consumer.ConsumerStore.ParkedCounts;
import dev.supportdesk.platform.consumer.ParkedEvent.Reason;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import dev.supportdesk.platform.kafka.MalformedEventRecordException;
import dev.supportdesk.platform.kafka.TicketTopic;
import dev.supportdesk.platform.worker.WorkerThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One consumer of the ticket topic (a read model, the SLA monitor): reads the partitions the Kafka group gives
 * this instance, in order per partition, and hands each event to the Axon event processor subscribed to it, in
 * one PostgreSQL transaction per batch that also stores the consumer's offsets and the applied version of every
 * stream. So what was applied and where to go on reading commit together, and a crash or a rebalance at any
 * moment re-reads at most the uncommitted batch, which the version check makes harmless.
 * <p>
 * The rules, per stream (one ticket):
 * <ul>
 *     <li>a version at or below the applied one is a duplicate and is skipped;</li>
 *     <li>the next version is applied; if applying it fails for a reason that comes with the event (not a
 *     database outage, which only pauses the consumer and retries), the event is parked FAILED with its error
 *     and the rest of the topic flows on;</li>
 *     <li>a later version waits (parked WAITING) behind a failed one or behind a missing one: a gap is never
 *     papered over. The first time a stream has a gap, its partition is read again from the stream's last
 *     applied event, so a record that was skipped is found; if it is not on the topic the stream stays
 *     stalled, loudly (log, health, metrics, {@code GET /api/admin/projections});</li>
 *     <li>once the missing or failed version is applied (found again, or retried by an admin), the events
 *     waiting behind it are applied in order.</li>
 * </ul>
 * Every batch is tried in bulk first: a batch in which every event is a duplicate or the next version of its
 * stream, none of them parked, is checked against one read of the streams' versions and handed to the processor in
 * one call; any other batch is applied by the rules above, event by event. Under load most batches hold many
 * events, and the bulk way saves two statements per event; a rebuild ({@link StreamConsumers#createBulk}) only
 * reads larger batches.
 * <p>
 * Several instances share the work through the Kafka consumer group (partitions) and the locked stream rows,
 * so no event is applied twice even while a rebalance moves a partition.
 */
public class StreamConsumer implements SubscribableMessageSource<EventMessage<?>>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final int PARKED_LISTED = 100;

    /** What this instance's consumer is doing now. */
    public enum State {
        STARTING,
        RUNNING,
        RETRYING,
        STOPPED
    }

    /** What a retry of a parked event came to. */
    public enum RetryOutcome {
        APPLIED,
        ALREADY_APPLIED,
        WAITING,
        STILL_FAILING,
        NOT_FOUND
    }

    /** The answer to a retry: the outcome, and for WAITING the version the stream waits for, for failures why. */
    public record RetryResult(RetryOutcome outcome, Long waitsFor, String error) {}

    private final String name;
    private final Set<String> ownedTypes;
    private final TicketTopic topic;
    private final ConsumerProperties settings;
    private final Map<String, Object> kafkaConfig;
    private final ConsumerStore store;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final java.time.Clock clock;

    private volatile Consumer<List<? extends EventMessage<?>>> subscriber;
    private final WorkerThread worker;
    private volatile KafkaConsumer<String, byte[]> kafka;
    private volatile State state = State.STOPPED;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Set<Integer> assigned = Set.of();
    private volatile Snapshot snapshot = new Snapshot(new ParkedCounts(0, 0, 0), 0, Instant.EPOCH);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong parkedTotal = new AtomicLong();

    // Owned by the worker thread only.
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private Instant nextSnapshot = Instant.EPOCH;

    /** Parked counts and lag as the worker saw them last; health and metrics read this, never the database. */
    record Snapshot(ParkedCounts parked, long lag, Instant at) {}

    StreamConsumer(
            String name,
            Set<String> ownedTypes,
            TicketTopic topic,
            ConsumerProperties settings,
            ConsumerStore store,
            TransactionTemplate transactions,
            Serializer serializer,
            java.time.Clock clock) {
        this(name, ownedTypes, topic, settings, store, transactions, serializer, clock, settings.batchSize());
    }

    StreamConsumer(
            String name,
            Set<String> ownedTypes,
            TicketTopic topic,
            ConsumerProperties settings,
            ConsumerStore store,
            TransactionTemplate transactions,
            Serializer serializer,
            java.time.Clock clock,
            int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a consumer's batch size must be at least 1: " + batchSize);
        }
        this.name = name;
        this.ownedTypes = Set.copyOf(ownedTypes);
        this.topic = topic;
        this.settings = settings;
        this.store = store;
        this.transactions = transactions;
        this.serializer = serializer;
        this.clock = clock;
        this.worker = new WorkerThread("consumer-" + name, Duration.ofSeconds(15));
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", topic.bootstrapServers());
        config.put("group.id", name);
        config.put("client.id", name);
        config.put("enable.auto.commit", false);
        config.put("auto.offset.reset", "earliest");
        config.put("isolation.level", "read_committed");
        config.put("allow.auto.create.topics", false);
        config.put("max.poll.records", batchSize);
        config.put("session.timeout.ms", (int) settings.sessionTimeout().toMillis());
        config.put("heartbeat.interval.ms", (int) settings.heartbeatInterval().toMillis());
        config.put("metadata.max.age.ms", (int) settings.metadataMaxAge().toMillis());
        config.put("reconnect.backoff.max.ms", 1000);
        this.kafkaConfig = Map.copyOf(config);
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
        if (subscriber != null && subscriber != processor) {
            throw new IllegalStateException("consumer " + name + " feeds one event processor only");
        }
        subscriber = processor;
        return () -> {
            subscriber = null;
            return true;
        };
    }

    // ---- lifecycle

    @Override
    public void start() {
        state = State.STARTING;
        worker.start(this::run);
    }

    @Override
    public void stop() {
        worker.stop(() -> {
            KafkaConsumer<String, byte[]> current = kafka;
            if (current != null) {
                current.wakeup(); // a poll does not end on an interrupt
            }
        });
        state = State.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** Stops before Axon's processors and the connection pool do, so that no batch is cut off by them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void run() {
        if (!awaitStart()) {
            return;
        }
        int failures = 0;
        while (worker.running()) {
            KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(kafkaConfig, new StringDeserializer(), new ByteArrayDeserializer());
            try {
                kafka = consumer;
                consumer.subscribe(List.of(topic.name()), new Rebalance(consumer));
                while (worker.running()) {
                    try {
                        positionAssigned(consumer);
                        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                        if (!records.isEmpty()) {
                            process(consumer, records);
                        }
                        refreshSnapshot(consumer);
                        failures = 0;
                        state = State.RUNNING;
                    } catch (WakeupException woken) {
                        // stop() ends the poll; the loop condition decides
                    } catch (RuntimeException e) {
                        if (!worker.running()) {
                            break;
                        }
                        failures++;
                        failed(e, failures);
                        rewind(consumer);
                        WorkerThread.pause(settings.backoff(failures));
                    }
                }
            } catch (WakeupException woken) {
                // stopping
            } catch (RuntimeException e) {
                if (worker.running()) {
                    failures++;
                    failed(e, failures);
                    WorkerThread.pause(settings.backoff(failures));
                }
            } finally {
                // Leaving the group is a courtesy (the group notices a silent member after the session timeout);
                // without a broker, Kafka's default close would wait 30 s for it and hold up the service's stop.
                try {
                    consumer.close(CLOSE_TIMEOUT);
                } catch (RuntimeException e) {
                    log.debug("Consumer {} did not close cleanly: {}", name, e.toString());
                }
                kafka = null;
                positions.clear();
                unpositioned.clear();
                assigned = Set.of();
            }
        }
        state = State.STOPPED;
    }

    /** Waits until an event processor subscribed and the topic exists; false when stopped meanwhile. */
    private boolean awaitStart() {
        while (worker.running() && subscriber == null) {
            WorkerThread.pause(Duration.ofMillis(50));
        }
        while (worker.running() && !topic.isCreated()) {
            try {
                topic.awaitCreated(Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                log.info("Consumer {} waits for topic {} to exist", name, topic.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return worker.running();
    }

    private void failed(RuntimeException e, int failures) {
        state = State.RETRYING;
        lastError = Failures.describe(e);
        lastErrorAt = clock.instant();
        if (failures == 1 || failures % 10 == 0) {
            log.warn(
                    "Consumer {} could not apply a batch (attempt {}), retrying in {}: {}",
                    name,
                    failures,
                    settings.backoff(failures),
                    lastError,
                    failures == 1 ? e : null);
        }
    }

    /** Partitions just assigned are paused until they are positioned at their stored offsets. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            unpositioned.addAll(partitions);
            published(consumer);
            log.info("Consumer {} was assigned {}", name, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(positions::remove);
            unpositioned.removeAll(partitions);
            published(consumer);
        }

        private void published(KafkaConsumer<String, byte[]> consumer) {
            Set<Integer> now = new java.util.TreeSet<>();
            consumer.assignment().forEach(partition -> now.add(partition.partition()));
            assigned = Set.copyOf(now);
        }
    }

    private void positionAssigned(KafkaConsumer<String, byte[]> consumer) {
        if (unpositioned.isEmpty()) {
            return;
        }
        Map<Integer, Long> stored = store.offsets(name, topic.name());
        for (TopicPartition partition : unpositioned) {
            Long offset = stored.get(partition.partition());
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
                offset = consumer.position(partition);
            } else {
                consumer.seek(partition, offset);
            }
            positions.put(partition, offset);
        }
        consumer.resume(unpositioned);
        unpositioned.clear();
    }

    /** After a failed batch: read again from what was committed. */
    private void rewind(KafkaConsumer<String, byte[]> consumer) {
        try {
            positions.forEach(consumer::seek);
        } catch (RuntimeException e) {
            // a partition revoked meanwhile; the rebalance positions what this instance still owns
            log.debug("Consumer {} could not seek back: {}", name, e.toString());
        }
    }

    // ---- applying a batch

    /** What one transaction passed: offsets to store, partitions to read again, streams to drain after commit. */
    private final class Batch {
        final Map<TopicPartition, Long> next = new HashMap<>();
        final Map<TopicPartition, Long> rereads = new HashMap<>();
        final Set<String> drains = new LinkedHashSet<>();
        long appliedCount;
        long duplicateCount;
        long parkedCount;

        void passed(ConsumerRecord<String, byte[]> record) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }

        Map<Integer, Long> offsetsToStore() {
            Map<Integer, Long> offsets = new HashMap<>();
            next.forEach((partition, offset) ->
                    offsets.put(partition.partition(), Math.min(offset, rereads.getOrDefault(partition, offset))));
            rereads.forEach((partition, offset) -> offsets.merge(partition.partition(), offset, Math::min));
            return offsets;
        }
    }

    private record Failed(int index, RuntimeException error) {}

    private void process(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        if (appliedInBulk(consumer, list)) {
            return;
        }
        int from = 0;
        while (from < list.size()) {
            Failed failed = applyFrom(consumer, list, from);
            if (failed == null) {
                return;
            }
            parkFailed(consumer, list, from, failed);
            from = failed.index() + 1;
        }
    }

    /**
     * In bulk: every stream of the batch is locked and read in one statement, the batch's
     * events are checked against those versions in memory (a duplicate is skipped, the next version is applied),
     * all the events to apply go to the processor in one call, in record order, and the streams' new versions and
     * the offsets are written with them, in the same transaction. False, with nothing changed, when the batch
     * needs the event-by-event rules: a record that is not an event, a stream with parked events, a gap, or an
     * event that fails (the event-by-event way then parks it and applies the rest).
     */
    private boolean appliedInBulk(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> list) {
        List<ConsumerRecord<String, byte[]>> ownedRecords = new ArrayList<>(list.size());
        List<EventEnvelope> owned = new ArrayList<>(list.size());
        for (ConsumerRecord<String, byte[]> record : list) {
            EventEnvelope event;
            try {
                event = EventRecords.fromRecord(record);
            } catch (MalformedEventRecordException e) {
                return false;
            }
            if (ownedTypes.contains(event.aggregateType())) {
                ownedRecords.add(record);
                owned.add(event);
            }
        }
        Batch batch = new Batch();
        Boolean applied = transactions.execute(status -> {
            Map<String, StreamState> streams = owned.isEmpty()
                    ? Map.of()
                    : store.lockStreams(
                            name, owned.stream().map(EventEnvelope::aggregateId).toList());
            Map<String, ConsumerStore.Advance> advances = new java.util.LinkedHashMap<>();
            List<EventEnvelope> toApply = new ArrayList<>(owned.size());
            for (int i = 0; i < owned.size(); i++) {
                EventEnvelope event = owned.get(i);
                StreamState stream = streams.get(event.aggregateId());
                if (stream.blocked()) {
                    status.setRollbackOnly();
                    return false;
                }
                ConsumerStore.Advance before = advances.get(event.aggregateId());
                long version = before == null ? stream.version() : before.version();
                if (event.version() <= version) {
                    batch.duplicateCount++;
                    continue;
                }
                if (event.version() != version + 1) {
                    status.setRollbackOnly();
                    return false;
                }
                ConsumerRecord<String, byte[]> record = ownedRecords.get(i);
                advances.put(
                        event.aggregateId(),
                        new ConsumerStore.Advance(
                                event.aggregateId(), event.version(), record.partition(), record.offset()));
                toApply.add(event);
            }
            if (!toApply.isEmpty()) {
                try {
                    dispatchAll(toApply);
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        throw e;
                    }
                    status.setRollbackOnly();
                    return false;
                }
                store.advanceAll(name, advances.values());
            }
            batch.appliedCount += toApply.size();
            list.forEach(batch::passed);
            store.saveOffsets(name, topic.name(), batch.offsetsToStore());
            return true;
        });
        if (!Boolean.TRUE.equals(applied)) {
            return false;
        }
        committed(consumer, batch);
        return true;
    }

    /** Applies records {@code from..} in one transaction; on an event's own failure rolls back and says which. */
    private Failed applyFrom(
            KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> list, int from) {
        Batch batch = new Batch();
        Failed[] failed = {null};
        transactions.executeWithoutResult(status -> {
            for (int i = from; i < list.size(); i++) {
                ConsumerRecord<String, byte[]> record = list.get(i);
                try {
                    handle(record, batch);
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        throw e;
                    }
                    failed[0] = new Failed(i, e);
                    status.setRollbackOnly();
                    return;
                }
                batch.passed(record);
            }
            store.saveOffsets(name, topic.name(), batch.offsetsToStore());
        });
        if (failed[0] != null) {
            return failed[0];
        }
        committed(consumer, batch);
        return null;
    }

    /** Applies the records before the failed one again, parks the failed one, and commits both. */
    private void parkFailed(
            KafkaConsumer<String, byte[]> consumer,
            List<ConsumerRecord<String, byte[]>> list,
            int from,
            Failed failed) {
        Batch batch = new Batch();
        ConsumerRecord<String, byte[]> record = list.get(failed.index());
        EventEnvelope event = EventRecords.fromRecord(record);
        String error = Failures.describe(failed.error());
        transactions.executeWithoutResult(status -> {
            for (int i = from; i < failed.index(); i++) {
                handle(list.get(i), batch);
                batch.passed(list.get(i));
            }
            StreamState stream = store.lockStream(name, event.aggregateId());
            if (event.version() > stream.version()) {
                store.park(
                        name,
                        event.eventId(),
                        event.aggregateType(),
                        event.aggregateId(),
                        event.version(),
                        event.eventType(),
                        Reason.FAILED,
                        RawRecords.storable(error),
                        RawRecords.of(record));
                store.setBlocked(name, event.aggregateId(), true);
                batch.parkedCount++;
            }
            batch.passed(record);
            store.saveOffsets(name, topic.name(), batch.offsetsToStore());
        });
        log.error(
                "Consumer {} parked {}: applying it failed: {}. Later events of {} wait behind it; retry it with "
                        + "POST /api/admin/projections/{}/parked/{}/retry",
                name,
                event,
                error,
                event.aggregateId(),
                name,
                event.eventId(),
                failed.error());
        committed(consumer, batch);
    }

    private void handle(ConsumerRecord<String, byte[]> record, Batch batch) {
        EventEnvelope event;
        try {
            event = EventRecords.fromRecord(record);
        } catch (MalformedEventRecordException e) {
            // Not an event this platform wrote: kept for inspection, blocks no stream (it names none).
            String key = record.key() == null ? "(no key)" : record.key();
            store.park(
                    name,
                    "record:" + EventRecords.coordinates(record),
                    null,
                    RawRecords.storable(key),
                    0,
                    null,
                    Reason.FAILED,
                    RawRecords.storable(e.getMessage()),
                    RawRecords.of(record));
            batch.parkedCount++;
            log.error("Consumer {} parked an unreadable record: {}", name, e.getMessage());
            return;
        }
        if (!ownedTypes.contains(event.aggregateType())) {
            return;
        }
        StreamState stream = store.lockStream(name, event.aggregateId());
        if (event.version() <= stream.version()
                || stream.blocked() && store.isParked(name, event.aggregateId(), event.version())) {
            batch.duplicateCount++;
            return;
        }
        if (event.version() == stream.version() + 1) {
            dispatch(event);
            store.advance(name, event.aggregateId(), event.version(), record.partition(), record.offset());
            batch.appliedCount++;
            if (stream.blocked()) {
                batch.drains.add(event.aggregateId());
            }
            return;
        }
        long missing = stream.version() + 1;
        boolean behindFailure = stream.blocked() && store.hasFailed(name, event.aggregateId());
        String why = behindFailure
                ? "waits behind version " + missing + ", which failed"
                : "waits for version " + missing + ", which has not arrived";
        store.park(
                name,
                event.eventId(),
                event.aggregateType(),
                event.aggregateId(),
                event.version(),
                event.eventType(),
                Reason.WAITING,
                why,
                RawRecords.of(record));
        batch.parkedCount++;
        if (!stream.blocked()) {
            store.setBlocked(name, event.aggregateId(), true);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            long from =
                    stream.offset() != null && stream.partition() != null && stream.partition() == record.partition()
                            ? stream.offset() + 1
                            : 0;
            batch.rereads.merge(partition, from, Math::min);
            log.error(
                    "Consumer {}: {} arrived but {} is at version {}: version {} is missing. Reading partition {} "
                            + "again from offset {}; the stream waits until it is found",
                    name,
                    event,
                    event.aggregateId(),
                    stream.version(),
                    missing,
                    partition,
                    from);
        }
    }

    private void dispatch(EventEnvelope event) {
        Consumer<List<? extends EventMessage<?>>> target = subscriber;
        if (target == null) {
            throw new IllegalStateException("no event processor is subscribed to consumer " + name);
        }
        target.accept(List.of(EventMessages.from(event, serializer)));
    }

    private void dispatchAll(List<EventEnvelope> events) {
        Consumer<List<? extends EventMessage<?>>> target = subscriber;
        if (target == null) {
            throw new IllegalStateException("no event processor is subscribed to consumer " + name);
        }
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            messages.add(EventMessages.from(event, serializer));
        }
        target.accept(messages);
    }

    private void committed(KafkaConsumer<String, byte[]> consumer, Batch batch) {
        batch.next.forEach((partition, offset) -> {
            if (positions.containsKey(partition)) {
                positions.put(partition, offset);
            }
        });
        batch.rereads.forEach((partition, offset) -> {
            if (positions.containsKey(partition)) {
                consumer.seek(partition, offset);
                positions.put(partition, offset);
            }
        });
        applied.addAndGet(batch.appliedCount);
        duplicates.addAndGet(batch.duplicateCount);
        parkedTotal.addAndGet(batch.parkedCount);
        batch.drains.forEach(this::drain);
    }

    // ---- parked events

    private enum Step {
        APPLIED,
        DONE,
        FAILED
    }

    /** Applies, in order, the events that waited behind a stream's version that has now been applied. */
    private void drain(String aggregateId) {
        while (true) {
            String[] failedEvent = {null};
            RuntimeException[] failure = {null};
            Step step = transactions.execute(status -> {
                StreamState stream = store.lockStream(name, aggregateId);
                store.dropParkedUpTo(name, aggregateId, stream.version());
                Optional<ParkedEvent> next = store.parked(name, aggregateId, stream.version() + 1);
                if (next.isEmpty()) {
                    store.unblockWhenEmpty(name, aggregateId);
                    return Step.DONE;
                }
                if (next.get().reason() == Reason.FAILED) {
                    return Step.DONE; // applied again only when someone asks for it
                }
                try {
                    applyParked(next.get());
                    return Step.APPLIED;
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        throw e;
                    }
                    status.setRollbackOnly();
                    failedEvent[0] = next.get().eventId();
                    failure[0] = e;
                    return Step.FAILED;
                }
            });
            if (step == Step.DONE) {
                return;
            }
            if (step == Step.FAILED) {
                String error = Failures.describe(failure[0]);
                transactions.executeWithoutResult(
                        status -> store.failedAgain(name, failedEvent[0], RawRecords.storable(error)));
                log.error(
                        "Consumer {} could not apply parked event {} of {}: {}",
                        name,
                        failedEvent[0],
                        aggregateId,
                        error,
                        failure[0]);
                return;
            }
        }
    }

    /** Applies a parked event whose version is the stream's next one; the caller holds the stream's lock. */
    private void applyParked(ParkedEvent parked) {
        ConsumerRecord<String, byte[]> record = RawRecords.toRecord(parked.record());
        EventEnvelope event = EventRecords.fromRecord(record);
        dispatch(event);
        store.advance(name, event.aggregateId(), event.version(), record.partition(), record.offset());
        store.unpark(name, parked);
        applied.incrementAndGet();
    }

    /** Applies a parked event again, on request; events waiting behind it follow when it succeeds. */
    public RetryResult retry(String eventId) {
        RuntimeException[] failure = {null};
        ParkedEvent[] found = {null};
        RetryResult result = transactions.execute(status -> {
            Optional<ParkedEvent> parked = store.parkedByEventId(name, eventId);
            if (parked.isEmpty()) {
                return new RetryResult(RetryOutcome.NOT_FOUND, null, null);
            }
            found[0] = parked.get();
            if (parked.get().version() == 0) {
                failure[0] = new MalformedEventRecordException("the record is not an event of this platform");
                return new RetryResult(RetryOutcome.STILL_FAILING, null, failure[0].getMessage());
            }
            StreamState stream = store.lockStream(name, parked.get().aggregateId());
            if (parked.get().version() <= stream.version()) {
                store.unpark(name, parked.get());
                return new RetryResult(RetryOutcome.ALREADY_APPLIED, null, null);
            }
            if (parked.get().version() > stream.version() + 1) {
                return new RetryResult(RetryOutcome.WAITING, stream.version() + 1, null);
            }
            try {
                applyParked(parked.get());
                return new RetryResult(RetryOutcome.APPLIED, null, null);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                status.setRollbackOnly();
                failure[0] = e;
                return new RetryResult(RetryOutcome.STILL_FAILING, null, Failures.describe(e));
            }
        });
        if (result.outcome() == RetryOutcome.STILL_FAILING) {
            String error = RawRecords.storable(result.error());
            transactions.executeWithoutResult(status -> store.failedAgain(name, eventId, error));
            log.warn("Consumer {}: retry of parked event {} failed again: {}", name, eventId, error, failure[0]);
        } else if (result.outcome() == RetryOutcome.APPLIED) {
            log.info("Consumer {}: parked event {} of {} applied on retry", name, eventId, found[0].aggregateId());
            drain(found[0].aggregateId());
        }
        return result;
    }

    public List<ParkedEvent> parked() {
        return store.listParked(name, PARKED_LISTED);
    }

    public Map<Integer, Long> storedOffsets() {
        return store.offsets(name, topic.name());
    }

    public String topicName() {
        return topic.name();
    }

    // ---- what health, metrics and the admin view read

    private void refreshSnapshot(KafkaConsumer<String, byte[]> consumer) {
        Instant now = clock.instant();
        if (now.isBefore(nextSnapshot)) {
            return;
        }
        nextSnapshot = now.plus(SNAPSHOT_INTERVAL);
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            lag += partitionLag.orElse(0);
        }
        snapshot = new Snapshot(store.parkedCounts(name), lag, now);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** The partitions the group gave this instance now. */
    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public long appliedCount() {
        return applied.get();
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    public long parkedCount() {
        return parkedTotal.get();
    }
}
