package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.security.ConsoleSessions;
import dev.supportdesk.ticket.query.presence.PresenceChanged;
import dev.supportdesk.ticket.query.projection.TicketUpdated;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live screens' subscriptions. Each committed row change is sent as {@code ticket-updated}, each change of who
 * is on a ticket as {@code presence-updated}; sending runs on
 * its own thread so that a slow client never holds up the projection. A periodic comment finds clients that
 * went away (the server only learns of a disconnect when a write fails). A subscription opened with the console's
 * session ends when that session does: at once on a sign-out ({@link SessionEnds}), and at the next periodic
 * check after an expiry (or a sign-out whose notification was missed).
 * <p>
 * When the service stops, every subscription ends before the web server's graceful shutdown begins: an open
 * stream is a request that never finishes, and the server would otherwise wait its whole grace period (30 s)
 * for the consoles' streams. The browsers reconnect by themselves, through the edge to an instance that runs.
 */
@Component
class TicketStream implements SmartLifecycle {

    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(TicketStream.class);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    // the console session each subscription was opened with; HTTP Basic subscriptions are not in it
    private final Map<SseEmitter, String> sessionOf = new ConcurrentHashMap<>();
    private final ConsoleSessions sessions;
    private volatile boolean running;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ticket-stream");
        thread.setDaemon(true);
        return thread;
    });

    TicketStream(ConsoleSessions sessions) {
        this.sessions = sessions;
        sender.scheduleWithFixedDelay(
                this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A subscription; {@code sessionId} is the console session it was opened with, null for HTTP Basic. */
    SseEmitter subscribe(String sessionId) {
        // EventSource clients reconnect by themselves when the timeout ends a subscription.
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        emitters.add(emitter);
        if (sessionId != null) {
            sessionOf.put(emitter, sessionId);
        }
        emitter.onCompletion(() -> forget(emitter));
        emitter.onTimeout(() -> forget(emitter));
        emitter.onError(error -> forget(emitter));
        // Commits the response at once, so the client knows it is subscribed.
        sendOrDrop(emitter, SseEmitter.event().comment("subscribed"));
        if (!running) {
            // Stopping: a subscription that came in now would hold the shutdown up; the client reconnects.
            forget(emitter);
            emitter.complete();
        }
        return emitter;
    }

    // Notified after the commit (by whichever instance applied it): a client that re-reads finds the new row.
    @EventListener
    void on(TicketUpdated update) {
        if (emitters.isEmpty()) {
            return;
        }
        sender.execute(() -> emitters.forEach(emitter -> sendOrDrop(
                emitter,
                SseEmitter.event()
                        .name("ticket-updated")
                        .data(Map.of("id", update.id(), "version", update.version()), MediaType.APPLICATION_JSON))));
    }

    // Someone arrived on a ticket, left, expired or changed activity; the console then reads the presence.
    @EventListener
    void on(PresenceChanged change) {
        if (emitters.isEmpty()) {
            return;
        }
        sender.execute(() -> emitters.forEach(emitter -> sendOrDrop(
                emitter,
                SseEmitter.event()
                        .name("presence-updated")
                        .data(Map.of("id", change.ticketId()), MediaType.APPLICATION_JSON))));
    }

    /**
     * That session was signed out: its subscriptions get nothing more (they leave the set at once, before any
     * further send) and are ended, so the browser's stream closes.
     */
    void ended(String sessionId) {
        List<SseEmitter> ending = sessionOf.entrySet().stream()
                .filter(entry -> entry.getValue().equals(sessionId))
                .map(Map.Entry::getKey)
                .toList();
        if (ending.isEmpty()) {
            return;
        }
        ending.forEach(this::forget);
        sender.execute(() -> ending.forEach(SseEmitter::complete));
    }

    int subscribers() {
        return emitters.size();
    }

    private void forget(SseEmitter emitter) {
        emitters.remove(emitter);
        sessionOf.remove(emitter);
    }

    private void heartbeat() {
        emitters.forEach(emitter -> sendOrDrop(emitter, SseEmitter.event().comment("keep-alive")));
        checkSessions();
    }

    // Expired sessions, and sign-outs not heard (the listener was reconnecting), end here.
    private void checkSessions() {
        for (String sessionId : Set.copyOf(sessionOf.values())) {
            boolean open;
            try {
                open = sessions.isOpen(sessionId);
            } catch (RuntimeException e) {
                log.debug("Session check failed, kept until the next one: {}", e.getMessage());
                continue;
            }
            if (!open) {
                ended(sessionId);
            }
        }
    }

    private void sendOrDrop(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("Stream subscriber gone: {}", e.getMessage());
            forget(emitter);
            emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every subscription; new ones end at once from now on. */
    @Override
    public void stop() {
        running = false;
        List<SseEmitter> ending = List.copyOf(emitters);
        ending.forEach(this::forget);
        ending.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops just before the web server's graceful shutdown, which waits for the requests still open. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
    }
}
