package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.model.view.TicketView;
import dev.supportdesk.testing.TicketRecords;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

/**
 * The consumer rebuilds domain event messages from the record's headers, so the projection's
 * ticket version comes from the ticket's sequence: checked here through the same decoding the stream
 * consumer uses.
 */
class KafkaWireFormatTest {

    private static final String TOPIC = "support.ticket-events";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryTicketRows rows = new InMemoryTicketRows();
    private final TicketProjection projection = new TicketProjection(rows);

    @Test
    void consumedRecordIsADomainEventWithSequenceTimestampAndMetadata() {
        EventMessage<?> consumed =
                consume(TicketRecords.record(TOPIC, "T-7", 3, new PublicReplyPostedEvent("T-7", "hi"), "alice", T0), 0);

        assertThat(consumed).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) consumed;
        assertThat(domainEvent.getSequenceNumber()).isEqualTo(2);
        assertThat(domainEvent.getAggregateIdentifier()).isEqualTo("T-7");
        assertThat(domainEvent.getType()).isEqualTo("Ticket");
        assertThat(domainEvent.getTimestamp()).isEqualTo(T0);
        assertThat(domainEvent.getMetaData()).containsEntry("actor", "alice").containsKey("correlationId");
        assertThat(domainEvent.getPayload()).isEqualTo(new PublicReplyPostedEvent("T-7", "hi"));
    }

    @Test
    void projectionGetsVersionFromTheSequenceNumberAndAuthorFromTheActor() {
        handle(TicketRecords.record(TOPIC, "T-7", 1, opened("T-7"), "alice", T0), 0);
        handle(
                TicketRecords.record(
                        TOPIC, "T-7", 2, new PublicReplyPostedEvent("T-7", "on it"), "bob", T0.plusSeconds(60)),
                1);

        TicketView ticket = rows.get("T-7");
        assertThat(ticket.version()).isEqualTo(2);
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(rows.conversation("T-7"))
                .extracting(ConversationEntry::author)
                .containsExactly("bob");
    }

    /** A ticket event type this service does not know still moves the row to its version. */
    @Test
    void unknownTicketEventAdvancesTheVersionOnly() {
        handle(TicketRecords.record(TOPIC, "T-7", 1, opened("T-7"), "alice", T0), 0);

        handle(
                TicketRecords.record(TOPIC, "T-7", 2, new SomethingNewHappened("T-7", "x"), "alice", T0.plusSeconds(5)),
                1);

        assertThat(rows.get("T-7").version()).isEqualTo(2);
        assertThat(rows.get("T-7").updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    record SomethingNewHappened(String ticketId, String what) {}

    private void handle(ProducerRecord<String, byte[]> record, long offset) {
        projection.on(consume(record, offset));
    }

    private static EventMessage<?> consume(ProducerRecord<String, byte[]> produced, long offset) {
        ConsumerRecord<String, byte[]> record = TicketRecords.received(produced, offset);
        assertThat(record.key()).as("keyed by ticket id").isEqualTo("T-7");
        return TicketRecords.read(record);
    }

    private static TicketOpenedEvent opened(String id) {
        return new TicketOpenedEvent(
                id,
                "Subject",
                "Description",
                Channel.EMAIL,
                Priority.HIGH,
                new Requester("Carla", null, null),
                CustomerTier.STANDARD,
                List.of());
    }
}
