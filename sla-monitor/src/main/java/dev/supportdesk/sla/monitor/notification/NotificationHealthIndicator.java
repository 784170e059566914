package dev.supportdesk.sla.monitor.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code slaNotifications} health component: notifications still to be delivered, those failing, those given
 * up, and the oldest. UP whatever the numbers, like {@code slaDelivery}: a failing webhook is the receiver's
 * problem, which restarting sla-monitor does not fix; alert on {@code sla.notifications.failing}.
 */
class NotificationHealthIndicator extends AbstractHealthIndicator {

    private final SupervisorNotifications notifications;

    NotificationHealthIndicator(SupervisorNotifications notifications) {
        super("sla-monitor could not read its supervisor notifications");
        this.notifications = notifications;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SupervisorNotifications.Summary summary = notifications.summary();
        builder.up()
                .withDetail("pending", summary.pending())
                .withDetail("failing", summary.failing())
                .withDetail("gaveUp", summary.gaveUp());
        List<SupervisorNotification> oldest = notifications.undelivered(1);
        if (!oldest.isEmpty()) {
            builder.withDetail("oldest", describe(oldest.get(0)));
        }
    }

    static Map<String, Object> describe(SupervisorNotification notification) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("notificationId", notification.notificationId());
        details.put("ticketId", notification.ticketId());
        details.put("metric", notification.metric().name());
        details.put("stage", notification.stage().name());
        details.put("state", notification.state().name());
        details.put("attempts", notification.attempts());
        details.put("lastError", notification.lastError());
        details.put("requestedAt", notification.requestedAt().toString());
        details.put(
                "nextAttemptAt",
                notification.nextAttemptAt() == null
                        ? null
                        : notification.nextAttemptAt().toString());
        details.put("failureRecorded", notification.failureRecorded());
        return details;
    }
}
