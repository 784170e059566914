package dev.supportdesk.sla.monitor.notification;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each {@link SupervisorNotificationRequestedEvent} into one persistent delivery task, keyed by the
 * notification id: the row inserted here is the proof that the notification was seen, so a duplicate or a
 * replayed event (even long after the delivery completed and its task row is gone) schedules nothing. The
 * insert, the task and the consumer's offsets commit in one transaction.
 * <p>
 * It also remembers each ticket's subject and priority, which the webhook names and the event does not carry.
 */
@ProcessingGroup(NotificationRequests.PROCESSING_GROUP)
class NotificationRequests {

    static final String PROCESSING_GROUP = "supervisor-notifications";
    private static final Logger log = LoggerFactory.getLogger(NotificationRequests.class);

    private final SupervisorNotifications notifications;
    private final SchedulerClient scheduler;
    private final Task<Void> delivery;

    NotificationRequests(SupervisorNotifications notifications, SchedulerClient scheduler, Task<Void> delivery) {
        this.notifications = notifications;
        this.scheduler = scheduler;
        this.delivery = delivery;
    }

    @EventHandler
    void on(SupervisorNotificationRequestedEvent event, @Timestamp java.time.Instant requestedAt) {
        if (!notifications.insertIfNew(event, requestedAt)) {
            log.debug("Notification {} of ticket {} is known already", event.notificationId(), event.ticketId());
            return;
        }
        // Due at once: the polling interval is the only wait before the first attempt.
        scheduler.scheduleIfNotExists(delivery.instance(event.notificationId()), requestedAt);
    }

    @EventHandler
    void on(TicketOpenedEvent event) {
        notifications.rememberOpened(
                event.ticketId(),
                event.subject(),
                event.priority() == null ? null : event.priority().name());
    }

    @EventHandler
    void on(TicketPriorityChangedEvent event) {
        notifications.rememberPriority(
                event.ticketId(),
                event.priority() == null ? null : event.priority().name());
    }
}
