package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.platform.jdbc.NotificationListener;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns the projection's committed row changes into {@link TicketUpdated} application events on every instance:
 * it LISTENs on {@value TicketTable#UPDATES_CHANNEL}, which each saved row notifies at commit. So a
 * {@code minVersion} wait or a live screen served by one instance wakes up when another instance applied the
 * event. The {@link NotificationListener} holds a session of its own and reconnects after a database outage.
 */
@Component
class TicketUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketUpdates.class);

    private final ApplicationEventPublisher events;
    private final NotificationListener listener;

    TicketUpdates(DataSource dataSource, ApplicationEventPublisher events) {
        this.events = events;
        this.listener =
                new NotificationListener(dataSource, TicketTable.UPDATES_CHANNEL, this::publish, "ticket-updates");
    }

    /** True while notifications are received (for readiness checks in tests). */
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
}
