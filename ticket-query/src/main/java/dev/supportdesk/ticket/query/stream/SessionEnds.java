package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.jdbc.OwnConnections;
import dev.supportdesk.platform.security.ConsoleSessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears every sign-out, whichever service and instance took it: it LISTENs on {@link ConsoleSessions#ENDED_CHANNEL}
 * on a connection of its own (reconnecting after a database outage) and ends that session's streams. A notification
 * missed while reconnecting is caught by the stream's periodic check of its sessions.
 */
@Component
class SessionEnds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionEnds.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final TicketStream stream;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread worker;

    SessionEnds(DataSource dataSource, TicketStream stream) {
        this.dataSource = dataSource;
        this.stream = stream;
    }

    /** True while sign-outs are heard (for readiness checks in tests). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "session-ends");
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

    private void listen() {
        while (running) {
            try (Connection connection = OwnConnections.open(dataSource)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ConsoleSessions.ENDED_CHANNEL);
                }
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            stream.ended(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn("Not hearing sign-outs ({}); reconnecting in {} s", e.getMessage(), RECONNECT.toSeconds());
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
