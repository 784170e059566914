package dev.supportdesk.ticket.query.presence;

import dev.supportdesk.platform.jdbc.NotificationListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns committed presence changes into {@link PresenceChanged} application events on every instance: it LISTENs on
 * {@value Presences#CHANNEL} through a {@link NotificationListener}
 * (a session of its own, reconnecting after a database outage), so a screen served by
 * one instance learns of an agent who arrived through another. It also sweeps the presences that ran out, every
 * {@code sweep-interval}, which notifies the same channel.
 */
@Component
class PresenceUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceUpdates.class);

    private final Presences presences;
    private final PresenceProperties properties;
    private final NotificationListener listener;
    private volatile ScheduledExecutorService sweeper;

    PresenceUpdates(
            DataSource dataSource,
            Presences presences,
            PresenceProperties properties,
            ApplicationEventPublisher events) {
        this.presences = presences;
        this.properties = properties;
        this.listener = new NotificationListener(
                dataSource,
                Presences.CHANNEL,
                ticketId -> events.publishEvent(new PresenceChanged(ticketId)),
                "presence-updates");
    }

    /** True while notifications are received (for readiness checks in tests). */
    boolean listening() {
        return listener.listening();
    }

    @Override
    public void start() {
        listener.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sweeping = new Thread(runnable, "presence-sweeper");
            sweeping.setDaemon(true);
            return sweeping;
        });
        long every = properties.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        sweeper = scheduler;
    }

    @Override
    public void stop() {
        listener.stop();
        ScheduledExecutorService scheduler = sweeper;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    private void sweep() {
        try {
            presences.sweep();
        } catch (RuntimeException e) {
            // The next sweep tries again; until then expired presences are only hidden from reads.
            log.debug("Presence sweep failed: {}", e.getMessage());
        }
    }
}
