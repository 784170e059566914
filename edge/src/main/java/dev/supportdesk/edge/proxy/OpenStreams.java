package dev.supportdesk.edge.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * The streamed answers (server-sent events, NDJSON) the edge is proxying right now, so that a stop can end them.
 * <p>
 * The web server's graceful shutdown waits for every open request, and a proxied stream ends only when its
 * backend ends it: one console left open would hold every stop of the edge for the whole grace period. This
 * lifecycle runs in the phase just above the graceful shutdown, so it stops first: it closes the upstream body
 * of each stream, which ends that answer cleanly, and a stream that starts during the stop is ended at once.
 * Browsers reconnect by themselves.
 */
final class OpenStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    /** Each upstream body being copied, with whether the stop has already closed it. */
    private final Map<InputStream, Boolean> copying = new ConcurrentHashMap<>();

    private volatile boolean running;

    /**
     * Registers an upstream body as being copied until {@link #leave}.
     *
     * @return false if the edge is stopping: the caller ends the answer instead of copying it
     */
    boolean enter(InputStream upstreamBody) {
        copying.put(upstreamBody, Boolean.FALSE);
        if (!running) {
            copying.remove(upstreamBody);
            return false;
        }
        return true;
    }

    /**
     * Unregisters an upstream body.
     *
     * @return true if the stop closed it (its read then failed, and the answer ends cleanly)
     */
    boolean leave(InputStream upstreamBody) {
        return Boolean.TRUE.equals(copying.remove(upstreamBody));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        log.info("Ending {} open stream(s) before the web server's graceful shutdown", copying.size());
        // Per key and atomic with leave(): a body is closed only while registered, so leave() sees the mark.
        for (InputStream body : copying.keySet()) {
            copying.computeIfPresent(body, (upstream, closed) -> {
                try {
                    upstream.close();
                } catch (IOException e) {
                    log.debug("Closing a proxied stream failed", e);
                }
                return Boolean.TRUE;
            });
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
