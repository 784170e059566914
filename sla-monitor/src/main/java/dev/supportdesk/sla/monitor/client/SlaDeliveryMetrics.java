package dev.supportdesk.sla.monitor.client;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the pending SLA commands, for alerting: {@code sla.delivery.pending} (how many) and
 * {@code sla.delivery.oldest.age} (seconds since the oldest one's warn or due instant). Each reading queries the
 * shared table, so every instance reports the same numbers; NaN when the database cannot be read.
 */
class SlaDeliveryMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(SlaDeliveryMetrics.class);

    private final PendingSlaCommands pending;

    SlaDeliveryMetrics(PendingSlaCommands pending) {
        this.pending = pending;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sla.delivery.pending", pending, reading(summary -> summary.count()))
                .description("SLA warnings and breaches that ticket-command has not recorded yet")
                .register(registry);
        Gauge.builder(
                        "sla.delivery.oldest.age",
                        pending,
                        reading(summary -> summary.oldestAge().toMillis() / 1000.0))
                .description("How long the oldest pending SLA warning or breach is overdue")
                .baseUnit("seconds")
                .register(registry);
    }

    private static ToDoubleFunction<PendingSlaCommands> reading(ToDoubleFunction<PendingSlaCommands.Summary> value) {
        return pending -> {
            try {
                return value.applyAsDouble(pending.summary());
            } catch (RuntimeException e) {
                log.debug("Cannot read the pending SLA commands: {}", e.toString());
                return Double.NaN;
            }
        };
    }
}
