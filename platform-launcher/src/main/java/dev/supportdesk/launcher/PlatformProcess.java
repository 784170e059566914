package dev.supportdesk.launcher;

import java.util.List;

/**
 * One part of a running {@link LocalPlatform} that a test can take away and bring back: PostgreSQL, the
 * Kafka broker or one instance of a service. Every signal goes to the process ids the launcher started
 * (for PostgreSQL: its postmaster and the postmaster's children), never to a process found by name.
 * A part comes back on the same data directory and the same port.
 */
public interface PlatformProcess {

    /** {@code postgres}, {@code kafka}, {@code ticket-query} or, with several instances, {@code ticket-query-2}. */
    String name();

    /** Starts it again and waits until it is ready (a service: health UP; Kafka: a client sees the broker). */
    void start();

    /** Spawns it without waiting; {@link #awaitReady()} waits. For tests that act while it starts up. */
    void launch();

    /** Waits until a launched part is ready; fails naming it, with the end of its log, when it dies first. */
    void awaitReady();

    /**
     * The graceful end an operator would cause, waiting until it is gone: SIGTERM for a service and the
     * broker (Spring's graceful shutdown, Kafka's controlled shutdown); PostgreSQL's fast shutdown
     * ({@code pg_ctl stop -m fast}: SIGINT to the postmaster, which ends the sessions and writes a
     * checkpoint; SIGTERM would be the smart mode, which waits for every pooled connection to close).
     */
    void stop();

    /**
     * A crash: SIGKILL to every process of the part at once, waiting until all are gone. For PostgreSQL
     * that is the postmaster and all of its children, so the next start runs crash recovery on the
     * same data, as after a power loss.
     */
    void kill();

    boolean isRunning();

    /** The ids of its live processes (empty when it is not running); for PostgreSQL the postmaster first. */
    List<Long> pids();
}
