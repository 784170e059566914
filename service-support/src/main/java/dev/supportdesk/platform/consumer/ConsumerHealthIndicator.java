package dev.supportdesk.platform.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The consumers in {@code /actuator/health}: DOWN when one has stopped, {@code STALLED} (a status of its own) while
 * events are parked or a batch is being retried, UP otherwise. STALLED is not in the status order, so it is shown
 * but does not turn the service's overall health DOWN: the service still serves every other stream.
 */
final class ConsumerHealthIndicator extends AbstractHealthIndicator {

    static final Status STALLED = new Status("STALLED", "events are parked or a batch is being retried");

    private final List<StreamConsumer> consumers;

    ConsumerHealthIndicator(List<StreamConsumer> consumers) {
        this.consumers = consumers;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Status status = Status.UP;
        for (StreamConsumer consumer : consumers) {
            StreamConsumer.Snapshot snapshot = consumer.snapshot();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", consumer.state().name());
            details.put("lag", snapshot.lag());
            details.put("parked", snapshot.parked().events());
            details.put("failed", snapshot.parked().failed());
            details.put("stalledStreams", snapshot.parked().streams());
            if (consumer.lastError() != null && consumer.state() == StreamConsumer.State.RETRYING) {
                details.put("lastError", consumer.lastError());
            }
            builder.withDetail(consumer.name(), details);
            if (consumer.state() == StreamConsumer.State.STOPPED && consumer.isRunning()) {
                status = Status.DOWN;
            } else if (status == Status.UP
                    && (snapshot.parked().events() > 0 || consumer.state() == StreamConsumer.State.RETRYING)) {
                status = STALLED;
            }
        }
        builder.status(status);
    }
}
