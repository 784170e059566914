package dev.supportdesk.platform.jdbc;

import dev.supportdesk.platform.worker.WorkerThread;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hands every PostgreSQL notification on one channel to a callback, whichever instance's transaction sent it: a
 * thread of its own LISTENs on a session of its own ({@link OwnConnections}; a pooled connection would carry the
 * LISTEN back into the pool). When the session is lost (a database outage, a killed backend) it reconnects, after
 * a pause that doubles from {@link #FIRST_RECONNECT} up to {@link #MAX_RECONNECT} while the database stays away.
 * Notifications sent while no session listened are not replayed: a caller that must not miss a change reads its
 * state again when {@link #listening()} turns true. A callback that throws loses only that notification.
 * <p>
 * A Spring bean of this type starts and stops with its application context.
 */
public final class NotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    /** The pause before the first reconnect; it doubles with each failed one. */
    static final Duration FIRST_RECONNECT = Duration.ofSeconds(1);

    static final Duration MAX_RECONNECT = Duration.ofSeconds(5);
    /** How long one wait for notifications blocks: it bounds how long a stop waits for the thread. */
    private static final int POLL_MILLIS = 500;

    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> callback;
    private final WorkerThread worker;
    private volatile boolean listening;

    /**
     * A listener on {@code channel} (a lower-case SQL identifier) whose thread is called {@code threadName}; each
     * notification's payload goes to {@code callback}, on that thread, in the order PostgreSQL delivers them.
     */
    public NotificationListener(DataSource dataSource, String channel, Consumer<String> callback, String threadName) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.callback = callback;
        this.worker = new WorkerThread(threadName, Duration.ofSeconds(5));
    }

    @Override
    public void start() {
        worker.start(this::listen);
    }

    /** Stops listening and waits for the thread to end (at most one poll of {@value #POLL_MILLIS} ms, normally). */
    @Override
    public void stop() {
        worker.stop();
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** True while a session LISTENs on the channel. */
    public boolean listening() {
        return listening;
    }

    /** True while the listener's thread has not ended. */
    boolean alive() {
        return worker.alive();
    }

    private void listen() {
        Duration reconnect = FIRST_RECONNECT;
        while (worker.running()) {
            try (Connection connection = OwnConnections.open(dataSource)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening = true;
                reconnect = FIRST_RECONNECT;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (worker.running()) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (worker.running()) {
                    log.warn(
                            "Not receiving notifications on {} ({}); reconnecting in {} ms",
                            channel,
                            e.getMessage(),
                            reconnect.toMillis());
                    WorkerThread.pause(reconnect);
                    reconnect = min(reconnect.multipliedBy(2), MAX_RECONNECT);
                }
            }
        }
        listening = false;
    }

    private void deliver(String payload) {
        try {
            callback.accept(payload);
        } catch (RuntimeException e) {
            log.warn("A notification on {} could not be handled: {}", channel, payload, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
