package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.kafka.TicketTopic;
import java.time.Clock;
import java.util.Set;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes the service's consumers of the ticket topic; each is a bean of the service's own configuration. */
public final class StreamConsumers {

    private final TicketTopic topic;
    private final ConsumerProperties settings;
    private final ConsumerStore store;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final Clock clock;

    StreamConsumers(
            TicketTopic topic,
            ConsumerProperties settings,
            ConsumerStore store,
            TransactionTemplate transactions,
            Serializer serializer,
            Clock clock) {
        this.topic = topic;
        this.settings = settings;
        this.store = store;
        this.transactions = transactions;
        this.serializer = serializer;
        this.clock = clock;
    }

    /**
     * @param name       the consumer's name: its Kafka group, the key of its stored state, and the name the admin
     *                   API lists it under (e.g. {@code ticket-projection})
     * @param ownedTypes the stream types it applies (e.g. {@code Ticket}); events of other streams pass by
     */
    public StreamConsumer create(String name, Set<String> ownedTypes) {
        return new StreamConsumer(name, ownedTypes, topic, settings, store, transactions, serializer, clock);
    }

    /**
     * A consumer whose batches run in transactions of {@code transactions} (e.g. a rebuild of a read model into
     * another schema, whose transactions set their own {@code search_path}); its state is written through the same
     * connection, so it lands where those transactions point.
     */
    public StreamConsumer create(String name, Set<String> ownedTypes, TransactionTemplate transactions) {
        return new StreamConsumer(name, ownedTypes, topic, settings, store, transactions, serializer, clock);
    }

    /**
     * A consumer for a rebuild from the first event: like {@link #create(String, Set, TransactionTemplate)}, but it
     * reads up to {@code batchSize} records a transaction (a rebuild's batches are larger than the live ones), each
     * applied in bulk when it can be (see {@link StreamConsumer}, "in bulk").
     */
    public StreamConsumer createBulk(
            String name, Set<String> ownedTypes, TransactionTemplate transactions, int batchSize) {
        return new StreamConsumer(name, ownedTypes, topic, settings, store, transactions, serializer, clock, batchSize);
    }
}
