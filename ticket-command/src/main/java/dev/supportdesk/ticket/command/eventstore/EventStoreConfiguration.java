package dev.supportdesk.ticket.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JDBC event store on PostgreSQL (tables from the Flyway migration, payload and metadata as
 * bytea, written by service-support's {@code PlatformSerializer}; snapshots, in their own table, by the ticket's
 * own snapshot serializer). The storage engine takes its connection from
 * Spring's transaction, so events and the rows a command writes beside them (its idempotency key) commit
 * together.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** The table and column names of the Flyway migration (PostgreSQL style, not Axon's camel case). */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    @Bean
    EventStorageEngine eventStorageEngine(
            @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                // Asked at each read: the aggregates' filters (which snapshots still read) are known only later.
                .snapshotFilter(snapshot -> configuration.snapshotFilter().allow(snapshot))
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .dataType(byte[].class)
                .schema(EVENT_SCHEMA)
                .build();
    }

    /**
     * Tells a duplicate (aggregate, sequence) key, a concurrent append to the same ticket, from other SQL
     * failures (see {@link StreamKeyViolationResolver}). Axon declares a resolver only while no event store
     * bean exists, so with ours it is declared here.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new StreamKeyViolationResolver();
    }

    /**
     * Axon's embedded store over the JDBC engine, for the aggregates. Nothing tracks it through Axon: the outbox
     * reads the table itself (see {@link EventFeed}).
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    }
}
