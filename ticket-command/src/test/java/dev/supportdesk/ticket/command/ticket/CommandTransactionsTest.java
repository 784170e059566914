package dev.supportdesk.ticket.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CommandTransactionsTest {

    private static final CommandRetryProperties RETRY =
            new CommandRetryProperties(4, Duration.ofMillis(10), Duration.ofMillis(50));

    /** Counts the transactions begun; each attempt must get a fresh one. */
    private static final class CountingTransactions implements TransactionOperations {
        final List<TransactionStatus> begun = new ArrayList<>();

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            SimpleTransactionStatus status = new SimpleTransactionStatus(true);
            begun.add(status);
            return action.doInTransaction(status);
        }
    }

    private final CountingTransactions transactions = new CountingTransactions();
    private final List<Duration> pauses = new ArrayList<>();
    private final CommandTransactions retrying =
            new CommandTransactions(transactions, RETRY, pauses::add, new SplittableRandom(42));

    @AfterEach
    void noTransactionLeftActive() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    private static ConcurrencyException concurrentAppend() {
        return new ConcurrencyException("An event for aggregate [T-1] at sequence [4] was already inserted");
    }

    @Test
    void aConcurrentAppendIsRunAgainInAFreshTransactionUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        long version = retrying.run("T-1", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw concurrentAppend();
            }
            return 7L;
        });

        assertThat(version).isEqualTo(7L);
        assertThat(transactions.begun).hasSize(3).doesNotHaveDuplicates();
        assertThat(pauses).hasSize(2);
    }

    @Test
    void whenEveryAttemptLostTheTicketIsBusyAndNoFurtherAttemptIsMade() {
        AtomicInteger attempts = new AtomicInteger();
        ConcurrencyException last = concurrentAppend();

        assertThatThrownBy(() -> retrying.run("T-1", () -> {
                    attempts.incrementAndGet();
                    throw last;
                }))
                .isInstanceOf(TicketBusyException.class)
                .hasMessageContaining("Ticket T-1")
                .hasMessageContaining("4 attempts")
                .hasCause(last);
        assertThat(attempts).hasValue(RETRY.maxAttempts());
        assertThat(transactions.begun).hasSize(RETRY.maxAttempts());
        assertThat(pauses).hasSize(RETRY.maxAttempts() - 1);
    }

    @Test
    void oneAttemptInAllMeansNoRetry() {
        CommandTransactions once = new CommandTransactions(
                transactions,
                new CommandRetryProperties(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                pauses::add,
                new SplittableRandom(1));
        assertThatThrownBy(() -> once.run(null, () -> {
                    throw concurrentAppend();
                }))
                .isInstanceOf(TicketBusyException.class)
                .hasMessageStartingWith("The request");
        assertThat(transactions.begun).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void deadlocksAndSerializationFailuresAreRetriedWhereverTheyAreInTheCause() {
        BatchUpdateException batch = new BatchUpdateException("batch aborted", "40P01", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        List<RuntimeException> failures = List.of(
                new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01")),
                new RuntimeException(new SQLException("could not serialize access", "40001")),
                new EventStoreException(
                        "append failed", new BatchUpdateException("batch aborted", null, new int[0], batch)),
                new RuntimeException("unit of work", concurrentAppend()));
        for (RuntimeException failure : failures) {
            assertThat(CommandTransactions.lostARace(failure))
                    .as(failure.toString())
                    .isTrue();
            AtomicInteger attempts = new AtomicInteger();
            assertThat(retrying.run("T-1", () -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw failure;
                        }
                        return 1L;
                    }))
                    .isEqualTo(1L);
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void refusalsAndOtherFailuresAreNotRetried() {
        List<RuntimeException> failures = List.of(
                StaleTicketVersionException.changedSince("T-1", 3, 5),
                TicketStateConflictException.notAllowed(
                        "T-1", dev.supportdesk.contract.TicketStatus.CLOSED, "close it"),
                new EventStoreException(
                        "append failed", new SQLException("duplicate key on event_identifier", "23505")),
                new IllegalStateException("bug"),
                new CannotAcquireLockException("lock timeout", new SQLException("canceling statement", "55P03")));
        for (RuntimeException failure : failures) {
            assertThat(CommandTransactions.lostARace(failure))
                    .as(failure.toString())
                    .isFalse();
            int before = transactions.begun.size();
            assertThatThrownBy(() -> retrying.run("T-1", () -> {
                        throw failure;
                    }))
                    .isSameAs(failure);
            assertThat(transactions.begun).hasSize(before + 1);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void thePauseDoublesUpToTheMaximumLessARandomShareOfAtMostHalf() {
        long[] expectedMillis = {10, 20, 40, 50, 50, 50};
        for (int failed = 1; failed <= expectedMillis.length; failed++) {
            Duration full = Duration.ofMillis(expectedMillis[failed - 1]);
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                Duration pause = retrying.backoff(failed);
                assertThat(pause).isBetween(full.dividedBy(2), full);
                seen.add(pause);
            }
            assertThat(seen).as("jittered").hasSizeGreaterThan(10);
        }
        assertThat(backoffWith(0, 3)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoffWith(Long.MAX_VALUE, 3)).isEqualTo(Duration.ofMillis(40));
    }

    /** The pause when the random share comes out as {@code share} (clamped to its bound). */
    private Duration backoffWith(long share, int failed) {
        RandomGenerator fixed = new RandomGenerator() {
            @Override
            public long nextLong() {
                return share;
            }

            @Override
            public long nextLong(long bound) {
                return Math.min(share, bound - 1);
            }
        };
        return new CommandTransactions(transactions, RETRY, pauses::add, fixed).backoff(failed);
    }

    @Test
    void anInterruptedPauseEndsTheRetriesAsBusyAndKeepsTheInterrupt() {
        CommandTransactions interrupted = new CommandTransactions(
                transactions,
                RETRY,
                duration -> {
                    throw new InterruptedException();
                },
                new SplittableRandom(7));
        try {
            assertThatThrownBy(() -> interrupted.run("T-1", () -> {
                        throw concurrentAppend();
                    }))
                    .isInstanceOf(TicketBusyException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(transactions.begun).hasSize(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void itNeverRunsInsideATransactionThatIsAlreadyOpen() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        assertThatThrownBy(() -> retrying.run("T-1", () -> 1L)).isInstanceOf(IllegalStateException.class);
        assertThat(transactions.begun).isEmpty();
    }

    @Test
    void retrySettingsOutsideTheirBoundsAreRefused() {
        assertThatThrownBy(() -> new CommandRetryProperties(0, Duration.ofMillis(10), Duration.ofMillis(10)))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new CommandRetryProperties(21, Duration.ofMillis(10), Duration.ofMillis(10)))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new CommandRetryProperties(3, Duration.ZERO, Duration.ofMillis(10)))
                .hasMessageContaining("first-backoff");
        assertThatThrownBy(() -> new CommandRetryProperties(3, Duration.ofMillis(10), Duration.ofMillis(5)))
                .hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> new CommandRetryProperties(3, Duration.ofMillis(10), null))
                .hasMessageContaining("max-backoff");
    }
}
