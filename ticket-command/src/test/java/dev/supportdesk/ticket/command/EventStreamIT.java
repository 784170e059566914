package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.platform.axon.SerializerConfiguration;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** The event store's answers to concurrent appends and its stream locks, against the real PostgreSQL. */
class EventStreamIT extends CommandApiTestSupport {

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TicketStreams streams;

    @Autowired
    ConfigurableListableBeanFactory beans;

    private static GenericDomainEventMessage<InternalNoteAddedEvent> note(
            String ticketId, long sequence, String eventId) {
        return new GenericDomainEventMessage<>(
                "Ticket",
                ticketId,
                sequence,
                new InternalNoteAddedEvent(ticketId, "note " + sequence),
                MetaData.emptyInstance(),
                eventId,
                Instant.now());
    }

    private void append(GenericDomainEventMessage<?> event) {
        transactions.executeWithoutResult(status -> storage.appendEvents(List.of(event)));
    }

    @Test
    void theStoreWritesWithThePlatformSerializer() {
        for (String serializer : List.of("serializer", "eventSerializer", "messageSerializer")) {
            assertThat(beans.getBeanDefinition(serializer).getFactoryBeanName())
                    .as(serializer)
                    .isEqualTo(SerializerConfiguration.class.getName());
        }
    }

    @Test
    void aSecondAppendOfTheSameVersionIsAConcurrencyConflict() {
        String ticketId = "S-" + UUID.randomUUID();
        append(note(ticketId, 0, UUID.randomUUID().toString()));
        append(note(ticketId, 1, UUID.randomUUID().toString()));

        assertThatThrownBy(() -> append(note(ticketId, 1, UUID.randomUUID().toString())))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(streams.history(ticketId))
                .extracting(TicketStreams.StoredEvent::version)
                .containsExactly(1L, 2L);
    }

    @Test
    void aReusedEventIdentifierIsAStoreFailureNotAConflict() {
        String eventId = UUID.randomUUID().toString();
        append(note("S-" + UUID.randomUUID(), 0, eventId));
        String other = "S-" + UUID.randomUUID();
        append(note(other, 0, UUID.randomUUID().toString()));

        assertThatThrownBy(() -> append(note(other, 1, eventId)))
                .isInstanceOf(EventStoreException.class)
                .isNotInstanceOf(ConcurrencyException.class);
    }

    @Test
    void aStreamLockMakesTheNextTransactionOnThatTicketWait() throws Exception {
        String ticketId = "S-" + UUID.randomUUID();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            streams.lockForAppend(List.of(ticketId));
            locked.countDown();
            waitFor(release);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                status -> streams.lockForAppend(List.of("S-unrelated-" + UUID.randomUUID(), ticketId))));

        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks() == 1);
        assertThat(second).isNotDone();
        // another ticket is not held up
        transactions.executeWithoutResult(status -> streams.lockForAppend(List.of("S-" + UUID.randomUUID())));

        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(waitingForAdvisoryLocks()).isZero();
    }

    @Test
    void aStreamLockNeedsATransaction() {
        assertThatThrownBy(() -> streams.lockForAppend(List.of("S-1"))).isInstanceOf(IllegalStateException.class);
    }

    private long waitingForAdvisoryLocks() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Long.class);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
