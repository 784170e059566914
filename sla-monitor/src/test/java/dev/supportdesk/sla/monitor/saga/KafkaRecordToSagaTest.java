package dev.supportdesk.sla.monitor.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.testing.TicketRecords;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of the wire format: the extension's converter must rebuild a {@link DomainEventMessage}
 * (aggregate id and sequence from the axon-aggregate-* headers, metadata from axon-metadata-*), otherwise the
 * saga's {@code @SequenceNumber} handlers would not even match and duplicates could not be recognised.
 */
class KafkaRecordToSagaTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DUE = T0.plus(Duration.ofMinutes(30));

    private final SlaClockStartedEvent started = new SlaClockStartedEvent(
            "T-9", SlaMetric.FIRST_RESPONSE, "default", "24x7", Duration.ofMinutes(30), DUE, null);

    private EventMessage<?> receive(long offset) {
        ProducerRecord<String, byte[]> record =
                TicketRecords.event("T-9", 5, started).correlationId("corr-9").record("topic");
        assertThat(record.key()).isEqualTo("T-9");
        return TicketRecords.read(TicketRecords.received(record, offset));
    }

    @Test
    void theConsumerRebuildsADomainEventMessageFromTheAggregateHeaders() {
        EventMessage<?> message = receive(0);

        assertThat(message).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) message;
        assertThat(domainEvent.getAggregateIdentifier()).isEqualTo("T-9");
        assertThat(domainEvent.getSequenceNumber()).isEqualTo(4);
        assertThat(domainEvent.getType()).isEqualTo("Ticket");
        assertThat(domainEvent.getPayload()).isEqualTo(started);
        assertThat(domainEvent.getMetaData())
                .containsEntry(MetadataKeys.CORRELATION_ID, "corr-9")
                .containsEntry(MetadataKeys.ACTOR, "alice");
    }

    @Test
    void theSagaSeesTheRecordsSequenceNumberAndIgnoresTheSameRecordTwice() {
        RedeliveringSagaTestFixture fixture = new RedeliveringSagaTestFixture();
        fixture.givenCurrentTime(T0);
        fixture.andThenDelivered(receive(0));
        fixture.andThenDelivered(receive(1))
                .whenTimeAdvancesTo(DUE)
                .expectDispatchedCommands(new RecordSlaBreachCommand("T-9", SlaMetric.FIRST_RESPONSE, DUE))
                .expectActiveSagas(1);
    }
}
