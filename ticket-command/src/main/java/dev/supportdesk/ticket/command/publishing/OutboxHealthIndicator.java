package dev.supportdesk.ticket.command.publishing;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The outbox in {@code /actuator/health}: DOWN while it refuses to publish because the store's positions went
 * backwards (that needs a person); UP otherwise, with what it does (publishing, standby, waiting for Kafka or for
 * the database, which it rides out by itself) and how far it got.
 */
final class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxRelay relay;

    OutboxHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxRelay.State state = relay.state();
        builder.status(
                        state == OutboxRelay.State.REFUSING
                                ? org.springframework.boot.actuate.health.Status.DOWN
                                : org.springframework.boot.actuate.health.Status.UP)
                .withDetail("state", state.name())
                .withDetail("publishedPosition", relay.cursor())
                .withDetail("highestPosition", relay.lastDrawn())
                .withDetail("openPositions", relay.openPositions());
        if (relay.problem() != null) {
            builder.withDetail("problem", relay.problem());
        }
        if (relay.lastPublishedAt() != null) {
            builder.withDetail("lastPublishedAt", relay.lastPublishedAt().toString());
        }
    }
}
