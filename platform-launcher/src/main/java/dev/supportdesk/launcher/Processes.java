package dev.supportdesk.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Signals to process ids the launcher knows, and waits for them to end; never a lookup by name. */
final class Processes {

    private Processes() {}

    /** The process and every process below it, the root first; taken before any signal so none is missed. */
    static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    static List<Long> pids(List<ProcessHandle> handles) {
        return handles.stream()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * SIGKILL to each, then waits until all have ended. The signals go out before the first wait, so
     * a child cannot notice its parent's death and do anything (PostgreSQL's backends would exit on
     * their own, a clean-ish end instead of a crash).
     */
    static void killAll(String what, List<ProcessHandle> handles, Duration wait) {
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        List<Long> left = awaitGone(handles, wait);
        if (!left.isEmpty()) {
            throw new PlatformException(
                    what + " did not end within " + wait.toSeconds() + " s of SIGKILL: processes " + left);
        }
    }

    /** Waits until every handle has ended; answers the ids still alive when the time is up. */
    static List<Long> awaitGone(List<ProcessHandle> handles, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle handle : handles) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            CompletableFuture<ProcessHandle> exit = handle.onExit();
            try {
                exit.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                // onExit of a handle that is not our child polls; a failure there means we cannot tell: check below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return pids(handles);
    }
}
