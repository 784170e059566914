package dev.supportdesk.sla.monitor.saga;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.saga.SagaTestFixture;

/**
 * A saga fixture that can also deliver a message exactly as given. The stock fixture gives every published event
 * a fresh sequence number (or none at all), so it cannot show what a duplicate Kafka delivery looks like: the same
 * {@link DomainEventMessage} with the same sequence number, arriving again.
 */
class RedeliveringSagaTestFixture extends SagaTestFixture<TicketSlaSaga> {

    RedeliveringSagaTestFixture() {
        super(TicketSlaSaga.class);
    }

    /** Hands {@code message} to the saga manager unchanged (part of the given phase). */
    RedeliveringSagaTestFixture andThenDelivered(EventMessage<?> message) {
        handleInSaga(message);
        return this;
    }
}
