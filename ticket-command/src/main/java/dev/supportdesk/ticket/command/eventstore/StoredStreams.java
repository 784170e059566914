package dev.supportdesk.ticket.command.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.web.PlatformJson;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One stream's stored events handed one by one to a reader (payload, timestamp, actor): straight from the rows with
 * the platform's JSON mapper ({@link #readUntil}), or, for a stream with a row in an older revision, through the
 * event serializer and the upcaster chain as when an aggregate is loaded ({@link #readUpcastedUntil}); never from a
 * snapshot, which is not an event. The stream is read in one statement: Axon's storage engine would read it a
 * hundred rows per statement.
 */
@Component
public class StoredStreams {

    /** Rows a streaming read holds at once. */
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Configuration configuration;
    // The events' stored form is the platform's JSON (PlatformSerializer writes it with this mapper's settings).
    private final ObjectMapper json = PlatformJson.base();
    private final Map<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    StoredStreams(
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            @Qualifier("eventSerializer") Serializer serializer,
            @Lazy Configuration configuration) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
        this.configuration = configuration;
    }

    /**
     * One stored event as a fold needs it: payload (an unknown type as Axon's {@link UnknownSerializedType}),
     * timestamp and the {@code actor} metadata.
     */
    public record StoredEvent(String type, long sequenceNumber, Instant timestamp, Object payload, String actor) {}

    /** What a reading does with each event it is handed; {@code false} ends the reading there. */
    @FunctionalInterface
    public interface EventReader {
        boolean read(StoredEvent event);
    }

    /**
     * Hands the stream's first event and then its events in version order, for as long as they occurred at or
     * before {@code until}, to {@code reader} one by one as the rows arrive. The rows are read in one statement, a
     * thousand at a time, and deserialized straight from the rows with the platform's JSON mapper (the events'
     * own form), without Axon's message layers: on a stream of 10,000 events those took most of the time
     * (docs/benchmarks.md, "History reads"). Nothing but the reader's own state outlives a row. Only rows stored
     * in their class's current revision are read so, since they need no upcaster.
     *
     * @return {@code false} when a row needs an upcaster: the reader has then seen only the events before it, and
     *     the stream is to be read with {@link #readUpcastedUntil}
     */
    public boolean readUntil(String aggregateId, Instant until, EventReader reader) {
        ResultSetExtractor<Boolean> read = rs -> {
            boolean first = true;
            while (rs.next()) {
                Instant timestamp = StoredInstants.parse(rs.getString(3));
                if (!first && timestamp.isAfter(until)) {
                    break; // versions are in order: the rest occurred later still
                }
                String payloadType = rs.getString(4);
                String revision = rs.getString(5);
                Optional<Class<?>> type = payloadClass(payloadType);
                if (type.isPresent() && !Objects.equals(revision(type.get()), revision)) {
                    return false;
                }
                byte[] payload = rs.getBytes(6);
                StoredEvent event = new StoredEvent(
                        rs.getString(1),
                        rs.getLong(2),
                        timestamp,
                        type.isPresent()
                                ? read(payload, type.get())
                                : new UnknownSerializedType(
                                        serializer,
                                        new SimpleSerializedObject<>(payload, byte[].class, payloadType, revision)),
                        actor(rs.getBytes(7)));
                first = false;
                if (!reader.read(event)) {
                    break;
                }
            }
            return true;
        };
        // pgjdbc streams a result only inside a transaction with a fetch size; otherwise it holds every row at once.
        return Boolean.TRUE.equals(readOnly.execute(status -> streaming.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement("""
                            SELECT type, sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data
                            FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""");
                    // Binary results from the first execution: the payloads then arrive as their bytes, not as hex
                    // text twice their size that the driver must decode again.
                    statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    statement.setString(1, aggregateId);
                    return statement;
                },
                read)));
    }

    private Optional<Class<?>> payloadClass(String name) {
        return classes.computeIfAbsent(name, type -> {
            try {
                return Optional.of(Class.forName(type, false, StoredStreams.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    private Object read(byte[] payload, Class<?> type) {
        try {
            return readers.computeIfAbsent(type, json::readerFor).readValue(payload);
        } catch (IOException e) {
            throw new IllegalStateException("A stored " + type.getName() + " is not readable", e);
        }
    }

    /**
     * The metadata's {@code actor}, read with a streaming parser that skips every other field unbuilt: a tree of
     * the whole metadata for each of ten thousand events was the largest part of reading a long stream.
     */
    private String actor(byte[] metadata) {
        if (metadata == null) {
            return null;
        }
        try (JsonParser parser = json.getFactory().createParser(metadata)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String actor = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (MetadataKeys.ACTOR.equals(field)) {
                    actor = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getValueAsString() : null;
                }
                parser.skipChildren();
            }
            return actor;
        } catch (IOException e) {
            throw new IllegalStateException("Stored metadata is not readable", e);
        }
    }

    /**
     * {@link #readUntil} for a stream that has a row in an older revision: every row through the event serializer
     * and the upcaster chain, as when an aggregate is loaded, handed to {@code reader} by the same rule (the first
     * event, then those at or before {@code until}).
     */
    public void readUpcastedUntil(String aggregateId, Instant until, EventReader reader) {
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
        try (Stream<? extends DomainEventMessage<?>> events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        rows.stream(), serializer, configuration.upcasterChain())
                .asStream()) {
            boolean first = true;
            Iterator<? extends DomainEventMessage<?>> stored = events.iterator();
            while (stored.hasNext()) {
                DomainEventMessage<?> event = stored.next();
                if (!first && event.getTimestamp().isAfter(until)) {
                    return; // versions are in order: the rest occurred later still
                }
                first = false;
                Object actor = event.getMetaData().get(MetadataKeys.ACTOR);
                StoredEvent read = new StoredEvent(
                        event.getType(),
                        event.getSequenceNumber(),
                        event.getTimestamp(),
                        event.getPayload(),
                        actor == null ? null : actor.toString());
                if (!reader.read(read)) {
                    return;
                }
            }
        }
    }
}
