package dev.supportdesk.ticket.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.kafka.TicketTopic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Signs a checkpoint every interval when the store changed since the last one, and publishes every signed
 * checkpoint on the checkpoint topic (one partition, retention forever) until Kafka acknowledges it. The
 * topic is outside the database: someone who rewrites the store and its checkpoint table cannot take back
 * what the topic, or an auditor's copy of it, already holds.
 */
class CheckpointPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Checkpoints checkpoints;
    private final TicketTopic topic;
    private final ObjectMapper json;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private Producer<String, byte[]> producer;
    private volatile boolean running;

    CheckpointPublisher(Checkpoints checkpoints, TicketTopic topic, ObjectMapper json, Duration interval) {
        this.checkpoints = checkpoints;
        this.topic = topic;
        this.json = json;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        topic.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Publishes soon, outside the caller's thread (after an on-demand checkpoint). */
    void wake() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.execute(this::publishPending);
        }
    }

    private void tick() {
        try {
            if (checkpoints.signer().isPresent()) {
                checkpoints.sign(true);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sign an audit checkpoint: {}", e.toString());
        }
        publishPending();
    }

    private void publishPending() {
        try {
            if (!topic.isCreated()) {
                return;
            }
            Set<Long> unpublished = Set.copyOf(checkpoints.unpublished());
            if (unpublished.isEmpty()) {
                return;
            }
            for (Checkpoint checkpoint : checkpoints.all()) {
                if (!unpublished.contains(checkpoint.sequence())) {
                    continue;
                }
                byte[] value = json.writeValueAsBytes(CheckpointView.of(checkpoint));
                producer()
                        .send(new ProducerRecord<>(topic.name(), "checkpoint", value))
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                checkpoints.markPublished(checkpoint.sequence());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not publish audit checkpoints yet: {}", e.toString());
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-command-audit-checkpoints");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void stop() {
        running = false;
        topic.stop();
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
