package dev.supportdesk.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The topic that carries every ticket event. It is created when missing, with the configured number of
 * partitions and unlimited retention (the topic is a second copy of the history that consumers rebuild
 * read models from). Creation runs in the background and retries, so a service starts, and ticket-command
 * takes commands, while Kafka is down.
 */
public class TicketTopic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketTopic.class);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    private final String name;
    private final int partitions;
    private final short replicationFactor;
    private final String bootstrapServers;
    private final CompletableFuture<Void> created = new CompletableFuture<>();
    private volatile Thread worker;
    private volatile boolean running;

    public TicketTopic(String name, int partitions, short replicationFactor, String bootstrapServers) {
        this.name = name;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.bootstrapServers = bootstrapServers;
    }

    public String name() {
        return name;
    }

    public int partitions() {
        return partitions;
    }

    /** The brokers, as Kafka clients take them ({@code host:port,...}). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Blocks until the topic exists (or the timeout passes); for consumers that need it first, and tests. */
    public void awaitCreated(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isCreated() {
        return created.isDone();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::ensureExists, "ticket-topic-setup");
        worker.setDaemon(true);
        worker.start();
    }

    /** Early, so that a service's event processors start after the topic check. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void ensureExists() {
        while (running && !created.isDone()) {
            try (Admin admin = Admin.create(adminProperties())) {
                createOrCheck(admin);
                created.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.info(
                        "Topic {} not ready yet ({}); retrying in {} s",
                        name,
                        rootMessage(e),
                        RETRY_INTERVAL.toSeconds());
                try {
                    Thread.sleep(RETRY_INTERVAL.toMillis()); // a background retry pause, not a test wait
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void createOrCheck(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor)
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            log.info("Created topic {} with {} partitions and unlimited retention", name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            TopicDescription existing = admin.describeTopics(List.of(name))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(name);
            if (existing.partitions().size() != partitions) {
                // Never repartitioned automatically: that would move tickets between partitions and break their order.
                log.warn(
                        "Topic {} has {} partitions, configuration says {}; keeping the existing topic",
                        name,
                        existing.partitions().size(),
                        partitions);
            }
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "ticket-topic-setup");
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
