package dev.supportdesk.sla.monitor.notification;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.supportdesk.platform.axon.TicketTopicProcessors;
import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumers;
import dev.supportdesk.sla.monitor.client.TicketCommandProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Supervisor notifications: a consumer of the ticket topic of its own ({@value NotificationRequests#PROCESSING_GROUP})
 * that schedules one persistent db-scheduler task per notification, and that task, which calls the webhook and
 * records the outcome in ticket-command. A consumer apart from the SLA saga's, so that a notification is sent
 * whether or not the ticket's saga still runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    SupervisorNotifications supervisorNotifications(JdbcTemplate jdbc) {
        return new SupervisorNotifications(jdbc);
    }

    @Bean
    Task<Void> supervisorNotificationTask(
            SupervisorNotifications notifications,
            NotificationProperties properties,
            TicketCommandProperties ticketCommand,
            ObjectProvider<Clock> clock,
            MeterRegistry registry) {
        NotificationDelivery delivery = new NotificationDelivery(
                notifications,
                new Webhook(properties),
                new TicketCommandReports(ticketCommand),
                properties,
                clock.getIfAvailable(Clock::systemUTC),
                Counter.builder("sla.notifications.delivered")
                        .description("Supervisor notifications whose webhook answered 2xx")
                        .register(registry),
                Counter.builder("sla.notifications.failed")
                        .description("Supervisor notifications recorded as failed in ticket-command")
                        .register(registry));
        // An unexpected failure (the database away) is retried; a crashed run is revived by the heartbeat check.
        return Tasks.custom(NotificationDelivery.TASK_NAME, Void.class)
                .onFailureReschedule(FixedDelay.of(properties.firstRetry()))
                .onDeadExecutionRevive()
                .execute(delivery);
    }

    @Bean
    NotificationRequests notificationRequests(
            SupervisorNotifications notifications,
            Scheduler scheduler,
            @Qualifier("supervisorNotificationTask") Task<Void> task) {
        return new NotificationRequests(notifications, scheduler, task);
    }

    @Bean
    StreamConsumer supervisorNotificationConsumer(StreamConsumers consumers) {
        return consumers.create(NotificationRequests.PROCESSING_GROUP, Set.of("Ticket"));
    }

    @Autowired
    void registerNotificationProcessor(
            EventProcessingConfigurer configurer,
            @Qualifier("supervisorNotificationConsumer") ObjectProvider<StreamConsumer> consumer) {
        TicketTopicProcessors.register(configurer, NotificationRequests.PROCESSING_GROUP, consumer::getObject);
    }

    /** The bean name makes the health component {@code slaNotifications}. */
    @Bean
    NotificationHealthIndicator slaNotificationsHealthIndicator(SupervisorNotifications notifications) {
        return new NotificationHealthIndicator(notifications);
    }

    @Bean
    NotificationMetrics notificationMetrics(SupervisorNotifications notifications) {
        return new NotificationMetrics(notifications);
    }
}
