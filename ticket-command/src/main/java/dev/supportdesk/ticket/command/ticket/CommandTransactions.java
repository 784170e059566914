package dev.supportdesk.ticket.command.ticket;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a command's work in a transaction of its own (Axon's unit of work joins it, so the events and this
 * service's rows commit together) and, when the work lost a race with another transaction, runs it again
 * from the start in a fresh transaction, a bounded number of times with a short jittered pause.
 *
 * <p>Running it again is safe: the failed transaction rolled back, so nothing of it was stored, and the work
 * reloads the ticket, so the command is decided again on the latest version. A command without If-Match
 * therefore succeeds; one whose If-Match went stale in the meantime is refused by the aggregate (412). Lost
 * races are: a concurrent append of the same ticket version (Axon's ConcurrencyException), a PostgreSQL
 * deadlock (40P01) and a serialization failure (40001). Only when every attempt lost, the caller gets
 * {@link TicketBusyException}.
 */
@Component
class CommandTransactions {

    private static final Logger log = LoggerFactory.getLogger(CommandTransactions.class);
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    /** The pause between attempts; a seam for tests, which must not sleep. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TransactionOperations transactions;
    private final CommandRetryProperties retry;
    private final Pause pause;
    private final RandomGenerator random;

    @Autowired
    CommandTransactions(TransactionOperations transactions, CommandRetryProperties retry) {
        this(
                transactions,
                retry,
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000),
                new Random());
    }

    CommandTransactions(
            TransactionOperations transactions, CommandRetryProperties retry, Pause pause, RandomGenerator random) {
        this.transactions = transactions;
        this.retry = retry;
        this.pause = pause;
        this.random = random;
    }

    /**
     * @param ticketId the ticket the work is about, for the busy answer; null for a ticket still to be opened
     */
    <T> T run(String ticketId, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // A retry inside someone else's transaction would run in a transaction that already failed.
            throw new IllegalStateException("commands start their own transaction");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (RuntimeException failure) {
                if (!lostARace(failure)) {
                    throw failure;
                }
                if (attempt >= retry.maxAttempts()) {
                    log.warn(
                            "Gave up on a command for {} after {} attempts that each lost a race: {}",
                            ticketId == null ? "a new ticket" : ticketId,
                            attempt,
                            failure.toString());
                    throw new TicketBusyException(ticketId, attempt, failure);
                }
                log.debug(
                        "A command for {} lost a race on attempt {}, running it again: {}",
                        ticketId,
                        attempt,
                        failure.toString());
                pauseAfter(attempt, ticketId, failure);
            }
        }
    }

    private void pauseAfter(int failedAttempts, String ticketId, RuntimeException failure) {
        try {
            pause.sleep(backoff(failedAttempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketBusyException(ticketId, failedAttempts, failure);
        }
    }

    /**
     * The pause after {@code failedAttempts} lost races: {@code firstBackoff} doubled per further race, at
     * most {@code maxBackoff}, less a random share of up to half of it, so that the losers of one race do not
     * meet again at the same instant.
     */
    Duration backoff(int failedAttempts) {
        long first = retry.firstBackoff().toNanos();
        long max = retry.maxBackoff().toNanos();
        long delay = first;
        for (int i = 1; i < failedAttempts && delay < max; i++) {
            delay = Math.min(max, delay * 2);
        }
        long half = delay / 2;
        return Duration.ofNanos(delay - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** Whether the failure means another transaction got there first, so that the same work may succeed now. */
    static boolean lostARace(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable cause = pending.poll();
            if (!seen.add(cause)) {
                continue;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                if (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (cause.getCause() != null) {
                pending.add(cause.getCause());
            }
        }
        return false;
    }
}
