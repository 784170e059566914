package dev.supportdesk.ticket.command.publishing;

import dev.supportdesk.platform.kafka.TicketTopic;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox ({@link OutboxRelay}) and its Kafka producer: idempotent, acks=all, short timeouts so that delivery
 * resumes within seconds of the broker's return.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, TicketTopic topic, PublishingProperties properties, Clock clock) {
        return new OutboxRelay(dataSource, () -> producer(topic, properties), topic, properties, clock);
    }

    /** The outbox makes one, and a new one when Kafka refuses a record for good. */
    static Producer<String, byte[]> producer(TicketTopic topic, PublishingProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                properties.requestTimeout().toMillis());
        // Never give a record up: retried in order until the broker takes it (see OutboxRelay.send).
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-command-outbox");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay) {
        return new OutboxHealthIndicator(relay);
    }

    /**
     * Wakes the outbox once a transaction that stored events has committed (not before: the events would not be
     * visible yet). Axon hands stored events to subscribers while the transaction is still open, so the wake-up
     * waits for Spring's commit.
     */
    @Bean(destroyMethod = "cancel")
    Registration wakeOutboxOnCommit(EventStore eventStore, OutboxRelay relay) {
        return eventStore.subscribe(events -> {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        relay.wake();
                    }
                });
            } else {
                relay.wake();
            }
        });
    }
}
