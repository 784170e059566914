package dev.supportdesk.ticket.query.stream;

import dev.supportdesk.platform.jdbc.NotificationListener;
import dev.supportdesk.platform.security.ConsoleSessions;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hears every sign-out, whichever service and instance took it: it LISTENs on {@link ConsoleSessions#ENDED_CHANNEL}
 * through a {@link NotificationListener} (a session of its own, reconnecting after a database outage) and ends that
 * session's streams. A notification missed while reconnecting is caught by the stream's periodic check of its
 * sessions.
 */
@Configuration(proxyBeanMethods = false)
class SessionEnds {

    @Bean
    NotificationListener sessionEndsListener(DataSource dataSource, TicketStream stream) {
        return new NotificationListener(dataSource, ConsoleSessions.ENDED_CHANNEL, stream::ended, "session-ends");
    }
}
