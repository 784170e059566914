package dev.supportdesk.ticket.query.presence;

import dev.supportdesk.platform.jdbc.OwnConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns committed presence changes into {@link PresenceChanged} application events on every instance: it LISTENs on
 * {@value Presences#CHANNEL} on a connection of its own (reconnecting after a database outage), so a screen served by
 * one instance learns of an agent who arrived through another. It also sweeps the presences that ran out, every
 * {@code sweep-interval}, which notifies the same channel.
 */
@Component
class PresenceUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceUpdates.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Presences presences;
    private final PresenceProperties properties;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread worker;
    private volatile ScheduledExecutorService sweeper;

    PresenceUpdates(
            DataSource dataSource,
            Presences presences,
            PresenceProperties properties,
            ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.presences = presences;
        this.properties = properties;
        this.events = events;
    }

    /** True while notifications are received (for readiness checks in tests). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "presence-updates");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
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
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
        ScheduledExecutorService scheduler = sweeper;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sweep() {
        try {
            presences.sweep();
        } catch (RuntimeException e) {
            // The next sweep tries again; until then expired presences are only hidden from reads.
            log.debug("Presence sweep failed: {}", e.getMessage());
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = OwnConnections.open(dataSource)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Presences.CHANNEL);
                }
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            events.publishEvent(new PresenceChanged(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn(
                            "Not receiving presence updates ({}); reconnecting in {} s",
                            e.getMessage(),
                            RECONNECT.toSeconds());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis()); // the listener's reconnect pause, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
