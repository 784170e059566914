package dev.supportdesk.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The JVM of one part of the platform (the Kafka broker, an instance of a service), which a test may stop, kill
 * and start again any number of times: at most one process at a time, spawned, stopped and killed under one lock,
 * so that a stop racing a start never leaves a process behind that nobody holds.
 */
final class ChildJvm {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(250);

    private final String displayName;
    private volatile JavaProcess process;

    /** @param displayName how failures name the part, e.g. {@code Kafka} or {@code ticket-query-2} */
    ChildJvm(String displayName) {
        this.displayName = displayName;
    }

    /** Spawns the process unless one is running; {@code spawn} (checks and preparation included) runs under the lock. */
    synchronized void launch(Supplier<JavaProcess> spawn) {
        if (isRunning()) {
            return;
        }
        process = spawn.get();
    }

    /** SIGTERM, and SIGKILL only when the grace period runs out; waits until it is gone. */
    synchronized void stop() {
        JavaProcess current = process;
        if (current != null) {
            current.stop(STOP_GRACE);
            process = null;
        }
    }

    /** SIGKILL, waiting until it is gone. */
    synchronized void kill() {
        JavaProcess current = process;
        if (current != null) {
            current.kill(KILL_WAIT);
            process = null;
        }
    }

    boolean isRunning() {
        JavaProcess current = process;
        return current != null && current.isAlive();
    }

    List<Long> pids() {
        JavaProcess current = process;
        return current == null ? List.of() : current.pids();
    }

    /**
     * The process a wait for readiness watches: fails, naming the part and showing the end of its log, when it
     * was stopped meanwhile or has exited.
     */
    JavaProcess starting() {
        JavaProcess current = process;
        if (current == null) {
            throw new PlatformException(displayName + " was stopped while it was starting");
        }
        if (!current.isAlive()) {
            throw new PlatformException(displayName + " exited during start-up with code " + current.exitValue() + "."
                    + current.describeLog());
        }
        return current;
    }

    /** The pause between two readiness checks. */
    void pauseBeforeNextCheck() {
        try {
            TimeUnit.MILLISECONDS.sleep(READY_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while waiting for " + displayName);
        }
    }
}
