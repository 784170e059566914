package dev.supportdesk.ticket.query.detail;

import dev.supportdesk.ticket.query.projection.TicketUpdated;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readers waiting for a ticket to reach a version ({@code ?minVersion=}). They are woken by the projection's
 * commits, never by polling.
 */
@Component
class VersionWaiters {

    private record Waiter(long version, CompletableFuture<Void> reached) {}

    private final ConcurrentMap<String, Queue<Waiter>> waiting = new ConcurrentHashMap<>();

    /** Completes once a commit brings the ticket to {@code version} or beyond; the caller adds a timeout. */
    CompletableFuture<Void> await(String id, long version) {
        Waiter waiter = new Waiter(version, new CompletableFuture<>());
        waiting.computeIfAbsent(id, key -> new ConcurrentLinkedQueue<>()).add(waiter);
        // Whatever the outcome (reached, timed out), the waiter leaves the registry.
        waiter.reached().whenComplete((ignored, error) -> remove(id, waiter));
        return waiter.reached();
    }

    // Notified after the commit (by whichever instance applied it): a reader woken now sees the row.
    @EventListener
    void on(TicketUpdated update) {
        Queue<Waiter> queue = waiting.get(update.id());
        if (queue == null) {
            return;
        }
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.version() <= update.version()) {
                waiter.reached().complete(null);
            }
        }
    }

    int waiting() {
        return waiting.values().stream().mapToInt(Queue::size).sum();
    }

    private void remove(String id, Waiter waiter) {
        waiting.computeIfPresent(id, (key, queue) -> {
            queue.remove(waiter);
            return queue.isEmpty() ? null : queue;
        });
    }
}
