package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.platform.jdbc.OwnConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns the projection's committed row changes into {@link TicketUpdated} application events on every instance:
 * it LISTENs on {@value TicketTable#UPDATES_CHANNEL}, which each saved row notifies at commit. So a
 * {@code minVersion} wait or a live screen served by one instance wakes up when another instance applied the
 * event. It holds a connection of its own (a listening session), reconnecting after a database outage.
 */
@Component
class TicketUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketUpdates.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread worker;

    TicketUpdates(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /** True while notifications are received (for readiness checks in tests). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, "ticket-updates");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection connection = OwnConnections.open(dataSource)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + TicketTable.UPDATES_CHANNEL);
                }
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            publish(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn(
                            "Not receiving ticket updates ({}); reconnecting in {} s",
                            e.getMessage(),
                            RECONNECT.toSeconds());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void publish(String payload) {
        int space = payload.lastIndexOf(' ');
        if (space <= 0) {
            log.warn("Ignoring a malformed ticket update notification: {}", payload);
            return;
        }
        try {
            events.publishEvent(
                    new TicketUpdated(payload.substring(0, space), Long.parseLong(payload.substring(space + 1))));
        } catch (NumberFormatException e) {
            log.warn("Ignoring a malformed ticket update notification: {}", payload);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis()); // the listener's reconnect pause, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
