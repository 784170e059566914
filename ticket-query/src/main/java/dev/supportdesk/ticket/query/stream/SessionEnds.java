package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.jdbc.NotificationListener;
import dev.supportdesk.platform.security.ConsoleSessions;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears every sign-out, whichever service and instance took it: it LISTENs on {@link ConsoleSessions#ENDED_CHANNEL}
 * through a {@link NotificationListener} (a session of its own, reconnecting after a database outage) and ends that
 * session's streams. A notification missed while reconnecting is caught by the stream's periodic check of its
 * sessions.
 */
@Component
class SessionEnds implements SmartLifecycle {

    private final NotificationListener listener;

    SessionEnds(DataSource dataSource, TicketStream stream) {
        this.listener =
                new NotificationListener(dataSource, ConsoleSessions.ENDED_CHANNEL, stream::ended, "session-ends");
    }

    /** True while sign-outs are heard (for readiness checks in tests). */
    boolean listening() {
        return listener.listening();
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
