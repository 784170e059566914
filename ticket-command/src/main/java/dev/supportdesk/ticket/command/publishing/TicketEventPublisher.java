package dev.supportdesk.ticket.command.publishing;

import dev.supportdesk.platform.kafka.TicketTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox: a tracking processor reads the event store in commit order and this handler puts each
 * ticket event on the topic, keyed by ticket id, and waits for the broker's acknowledgement (acks=all,
 * idempotent producer) before the processor's token moves past it.
 * <p>
 * It uses the Axon Kafka extension's producer factory and message converter, but not its
 * KafkaEventPublisher: that one fails the whole batch when Kafka is down, and Axon's tracking processor
 * then backs off up to 60 s between attempts. Retrying here, with a short pause, keeps the order (the
 * same event is retried before any later one) and resumes delivery within seconds of the broker's return.
 */
@ProcessingGroup(PublishingConfiguration.PROCESSING_GROUP)
class TicketEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(TicketEventPublisher.class);

    private final ProducerFactory<String, byte[]> producerFactory;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TicketTopic topic;
    private final PublishingProperties properties;
    private volatile boolean stopping;

    TicketEventPublisher(ProducerFactory<String, byte[]> producerFactory,
                         KafkaMessageConverter<String, byte[]> converter, TicketTopic topic,
                         PublishingProperties properties) {
        this.producerFactory = producerFactory;
        this.converter = converter;
        this.topic = topic;
        this.properties = properties;
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> event) throws InterruptedException {
        if (!(event instanceof DomainEventMessage<?>)) {
            return; // only ticket streams go to the ticket topic
        }
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, topic.name());
        Duration ackTimeout = properties.deliveryTimeout().plusSeconds(1);
        int attempt = 0;
        while (true) {
            if (!topic.isCreated()) {
                // Sending first would make the broker auto-create the topic with its default partition count.
                awaitRetry(event, ++attempt, "topic " + topic.name() + " is not created yet");
                continue;
            }
            try {
                Producer<String, byte[]> producer = producerFactory.createProducer();
                producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (attempt > 0) {
                    log.info("Kafka is back: published {} after {} failed attempts", event.getIdentifier(), attempt);
                }
                return;
            } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
                awaitRetry(event, ++attempt, e.getMessage());
            }
        }
    }

    private void awaitRetry(EventMessage<?> event, int attempt, String reason) throws InterruptedException {
        if (stopping) {
            throw new IllegalStateException("stopping before event " + event.getIdentifier() + " was published: " + reason);
        }
        if (attempt == 1 || attempt % 20 == 0) {
            log.warn("Cannot publish event {} to {} yet (attempt {}): {}; retrying every {} ms",
                    event.getIdentifier(), topic.name(), attempt, reason, properties.retryPause().toMillis());
        }
        // a retry pause on the processor thread, not a test wait: the token must not pass this event
        Thread.sleep(properties.retryPause().toMillis());
    }

    void stop() {
        stopping = true;
    }
}
