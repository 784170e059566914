package dev.supportdesk.sla.monitor.notification;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.supportdesk.sla.monitor.notification.SupervisorNotification.State;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a notification's delivery task (instance id = notification id): one webhook attempt, or, once the
 * webhook's fate is settled, the report of it that ticket-command has not recorded yet.
 * <ul>
 *     <li>2xx: the delivery is stored, then reported as DELIVERED with the attempt count; the task ends once
 *     ticket-command recorded it (the webhook is never called again for it).</li>
 *     <li>failure (non-2xx, no answer): retried after {@code first-retry}, doubling up to {@code max-retry}; at
 *     {@code fail-after} failed attempts it is reported as FAILED, once; attempts go on until
 *     {@code give-up-after} has passed since the request, then the notification stays failed.</li>
 *     <li>no webhook URL at all: reported as FAILED at once, with 0 attempts, and never tried.</li>
 * </ul>
 * Each step is stored before the next begins, so a crash (the task is revived by another instance or after the
 * restart) repeats at most the webhook call that was under way: delivery is at least once, and the
 * {@code Idempotency-Key} header lets a receiver drop the repeat.
 */
class NotificationDelivery implements ExecutionHandler<Void> {

    static final String TASK_NAME = "supervisor-notification";
    static final String NO_WEBHOOK = "no webhook URL is configured (support.sla.notifications.webhook-url,"
            + " SLA_WEBHOOK_URL) and the policy names none";

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final SupervisorNotifications notifications;
    private final Webhook webhook;
    private final TicketCommandReports reports;
    private final NotificationProperties properties;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failed;

    NotificationDelivery(
            SupervisorNotifications notifications,
            Webhook webhook,
            TicketCommandReports reports,
            NotificationProperties properties,
            Clock clock,
            Counter delivered,
            Counter failed) {
        this.notifications = notifications;
        this.webhook = webhook;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
        this.delivered = delivered;
        this.failed = failed;
    }

    @Override
    public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        Optional<SupervisorNotification> found = notifications.find(instance.getId());
        if (found.isEmpty()) {
            log.warn("Delivery task {} names no known notification: dropped", instance.getId());
            return done();
        }
        SupervisorNotification notification = found.get();
        if (notification.state() == State.DELIVERED) {
            return recordDelivery(notification, notification.attempts(), notification.deliveredAt());
        }
        if (notification.state() == State.GAVE_UP) {
            return recordGiveUp(notification, notification.attempts(), notification.lastError());
        }
        String url = notification.webhookUrl() != null ? notification.webhookUrl() : properties.webhookUrl();
        if (url == null) {
            log.warn(
                    "Notification {} of ticket {}: {}",
                    notification.notificationId(),
                    notification.ticketId(),
                    NO_WEBHOOK);
            notifications.gaveUp(notification.notificationId(), NO_WEBHOOK);
            return recordGiveUp(notification, notification.attempts(), NO_WEBHOOK);
        }
        int attempt = notification.attempts() + 1;
        Webhook.Outcome outcome = webhook.post(url, payload(notification));
        Instant now = clock.instant();
        if (outcome.delivered()) {
            notifications.delivered(notification.notificationId(), attempt, outcome.status(), now);
            delivered.increment();
            log.info(
                    "Notification {} of ticket {} delivered (attempt {})",
                    notification.notificationId(),
                    notification.ticketId(),
                    attempt);
            return recordDelivery(notification, attempt, now);
        }
        boolean givingUp = !now.isBefore(notification.requestedAt().plus(properties.giveUpAfter()));
        Instant next = givingUp ? null : now.plus(properties.retryAfter(attempt));
        notifications.attemptFailed(
                notification.notificationId(), attempt, outcome.status(), outcome.error(), now, next);
        log.warn(
                "Notification {} of ticket {}: attempt {} failed: {}; {}",
                notification.notificationId(),
                notification.ticketId(),
                attempt,
                outcome.error(),
                givingUp ? "giving up" : "next attempt at " + next);
        boolean failureRecorded = notification.failureRecorded();
        if (!failureRecorded && (attempt >= properties.failAfter() || givingUp)) {
            failureRecorded = recordFailure(notification, attempt, outcome.error());
        }
        if (givingUp) {
            notifications.gaveUp(notification.notificationId(), null);
            return failureRecorded ? done() : later(now.plus(properties.firstRetry()));
        }
        return later(next);
    }

    private CompletionHandler<Void> recordDelivery(SupervisorNotification notification, int attempts, Instant at) {
        if (notification.deliveryRecorded()
                || reports.delivered(notification.ticketId(), notification.notificationId(), attempts, at)) {
            notifications.deliveryRecorded(notification.notificationId());
            return done();
        }
        return later(clock.instant().plus(properties.firstRetry()));
    }

    private CompletionHandler<Void> recordGiveUp(SupervisorNotification notification, int attempts, String error) {
        if (notification.failureRecorded() || recordFailure(notification, attempts, error)) {
            return done();
        }
        return later(clock.instant().plus(properties.firstRetry()));
    }

    private boolean recordFailure(SupervisorNotification notification, int attempts, String error) {
        if (!reports.failed(notification.ticketId(), notification.notificationId(), attempts, error)) {
            return false;
        }
        notifications.failureRecorded(notification.notificationId());
        failed.increment();
        return true;
    }

    private Webhook.Payload payload(SupervisorNotification notification) {
        Optional<SupervisorNotifications.TicketFacts> ticket = notifications.ticket(notification.ticketId());
        return new Webhook.Payload(
                "SUPERVISOR_NOTIFICATION",
                notification.notificationId(),
                new Webhook.Ticket(
                        notification.ticketId(),
                        ticket.map(SupervisorNotifications.TicketFacts::subject).orElse(null),
                        ticket.map(SupervisorNotifications.TicketFacts::priority)
                                .orElse(null),
                        "/api/tickets/" + notification.ticketId()),
                notification.metric().name(),
                notification.stage().name(),
                new Webhook.Group(notification.group(), notification.supervisors()),
                notification.requestedAt().toString());
    }

    private static CompletionHandler<Void> done() {
        return (complete, operations) -> operations.remove();
    }

    private static CompletionHandler<Void> later(Instant next) {
        return (complete, operations) -> operations.reschedule(complete, next);
    }
}
