package dev.supportdesk.sla.monitor.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the supervisor notifications still to be delivered ({@code sla.notifications.pending}) and of those
 * whose last attempt failed ({@code sla.notifications.failing}), read from the shared table; NaN when the database
 * cannot be read. The counters {@code sla.notifications.delivered} and {@code .failed} count this instance's.
 */
class NotificationMetrics implements MeterBinder {

    private final SupervisorNotifications notifications;

    NotificationMetrics(SupervisorNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sla.notifications.pending", notifications, reading(SupervisorNotifications.Summary::pending))
                .description("Supervisor notifications not delivered yet and still being tried")
                .register(registry);
        Gauge.builder("sla.notifications.failing", notifications, reading(SupervisorNotifications.Summary::failing))
                .description("Supervisor notifications whose last webhook attempt failed")
                .register(registry);
    }

    private static ToDoubleFunction<SupervisorNotifications> reading(
            ToDoubleFunction<SupervisorNotifications.Summary> value) {
        return notifications -> {
            try {
                return value.applyAsDouble(notifications.summary());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
