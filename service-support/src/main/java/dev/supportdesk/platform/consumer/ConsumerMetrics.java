package dev.supportdesk.platform.consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Per consumer: {@code support.consumer.lag} (records not read yet on this instance's partitions),
 * {@code support.consumer.parked} and {@code support.consumer.stalled.streams} (the stall a gap or a failed event
 * causes), and counters of events applied and duplicates skipped.
 */
final class ConsumerMetrics implements MeterBinder {

    private final List<StreamConsumer> consumers;

    ConsumerMetrics(List<StreamConsumer> consumers) {
        this.consumers = consumers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (StreamConsumer consumer : consumers) {
            Gauge.builder("support.consumer.lag", consumer, c -> c.snapshot().lag())
                    .tag("consumer", consumer.name())
                    .description("records not yet read")
                    .register(registry);
            Gauge.builder(
                            "support.consumer.parked",
                            consumer,
                            c -> c.snapshot().parked().events())
                    .tag("consumer", consumer.name())
                    .description("events parked")
                    .register(registry);
            Gauge.builder(
                            "support.consumer.stalled.streams",
                            consumer,
                            c -> c.snapshot().parked().streams())
                    .tag("consumer", consumer.name())
                    .description("streams waiting behind a parked event")
                    .register(registry);
            FunctionCounter.builder("support.consumer.applied", consumer, StreamConsumer::appliedCount)
                    .tag("consumer", consumer.name())
                    .description("events applied by this instance")
                    .register(registry);
            FunctionCounter.builder("support.consumer.duplicates", consumer, StreamConsumer::duplicateCount)
                    .tag("consumer", consumer.name())
                    .description("duplicate events skipped")
                    .register(registry);
        }
    }
}
