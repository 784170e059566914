package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.platform.jdbc.NotificationListener;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the projection's committed row changes into {@link TicketUpdated} application events on every instance:
 * it LISTENs on {@value TicketTable#UPDATES_CHANNEL}, which each saved row notifies at commit. So a
 * {@code minVersion} wait or a live screen served by one instance wakes up when another instance applied the
 * event. The {@link NotificationListener} holds a session of its own and reconnects after a database outage.
 */
@Configuration(proxyBeanMethods = false)
class TicketUpdates {

    private static final Logger log = LoggerFactory.getLogger(TicketUpdates.class);

    @Bean
    NotificationListener ticketUpdatesListener(DataSource dataSource, ApplicationEventPublisher events) {
        return new NotificationListener(
                dataSource, TicketTable.UPDATES_CHANNEL, payload -> publish(events, payload), "ticket-updates");
    }

    private static void publish(ApplicationEventPublisher events, String payload) {
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
