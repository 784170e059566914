package dev.supportdesk.ticket.command.eventstore;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One stream's stored events as messages (payload, timestamp, metadata), deserialized by the event serializer
 * through the upcaster chain, as when an aggregate is loaded; never from a snapshot, which is not an event. The
 * stream is read in one statement: Axon's storage engine would read it a hundred rows per statement.
 */
@Component
public class StoredStreams {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Configuration configuration;

    StoredStreams(
            JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, @Lazy Configuration configuration) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.configuration = configuration;
    }

    /** The stream's events in version order; empty when it has none. */
    public Stream<? extends DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventData<byte[]>> rows = jdbc.query(
                """
                        SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, row) -> new GenericDomainEventEntry<>(
                        rs.getString("type"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"),
                        rs.getString("event_identifier"),
                        rs.getString("time_stamp"),
                        rs.getString("payload_type"),
                        rs.getString("payload_revision"),
                        rs.getBytes("payload"),
                        rs.getBytes("meta_data")),
                aggregateId);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(
                        rows.stream(), serializer, configuration.upcasterChain())
                .asStream();
    }
}
