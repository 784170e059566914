package dev.supportdesk.platform.worker;

import java.time.Duration;

/**
 * The one background thread of a component that runs a loop until it is stopped (a consumer, a listener, a
 * relay): {@link #start} sets the loop's flag and starts a daemon thread; {@link #stop} clears the flag, wakes the
 * loop (the caller's own wake-up first, for a call that an interrupt does not end, then an interrupt) and waits a
 * bounded time for the thread to end, so that whatever the loop uses (a pool, a producer) is not closed under it.
 * The loop asks {@link #running()} for its condition.
 */
public final class WorkerThread {

    private final String name;
    private final Duration stopWait;
    private volatile boolean running;
    private volatile Thread thread;

    /** A worker whose thread is called {@code name}; {@link #stop} waits at most {@code stopWait} for it. */
    public WorkerThread(String name, Duration stopWait) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a worker thread needs a name");
        }
        if (stopWait == null || stopWait.isNegative() || stopWait.isZero()) {
            // Thread.join(0) would wait for ever
            throw new IllegalArgumentException("the wait for a stopping worker must be positive");
        }
        this.name = name;
        this.stopWait = stopWait;
    }

    /** Starts the thread that runs {@code loop}; the loop goes on while {@link #running()} is true. */
    public synchronized void start(Runnable loop) {
        running = true;
        Thread started = new Thread(loop, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** True from {@link #start} until {@link #stop}: the loop's condition and the component's isRunning. */
    public boolean running() {
        return running;
    }

    /** Stops the loop and waits for its thread to end. */
    public void stop() {
        stop(() -> {});
    }

    /**
     * Stops the loop: clears the flag, runs {@code wake} (e.g. a Kafka consumer's wakeup), interrupts the thread and
     * waits for it to end, at most the stop wait. A stop from the worker's own thread does not wait for itself.
     */
    public void stop(Runnable wake) {
        running = false;
        wake.run();
        Thread current = thread;
        if (current == null) {
            return;
        }
        current.interrupt();
        if (current == Thread.currentThread()) {
            return;
        }
        try {
            current.join(stopWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the thread of the last start has not ended. */
    public boolean alive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    /**
     * Pauses the worker's thread (a back-off or an idle wait of the loop, never a test's wait); returns early when
     * the worker is stopped, whose interrupt it keeps for the loop to see.
     */
    public static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
