package dev.supportdesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in a JVM of its own (KRaft, broker and controller in one process), so that it can
 * be stopped and started again on the same data, as an outage would. Layout below its directory:
 * {@code server.properties} (rewritten on every start, ports may change), {@code cluster.id} (kept, the
 * log directory is formatted with it once) and {@code data/} (the log directory).
 */
final class KafkaBroker implements PlatformProcess, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final Path logFile;
    private final ChildJvm jvm = new ChildJvm("Kafka");

    KafkaBroker(Path directory, int port, int controllerPort, String classpath, Path logFile) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.logFile = logFile;
    }

    String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean isRunning() {
        return jvm.isRunning();
    }

    @Override
    public List<Long> pids() {
        return jvm.pids();
    }

    /** Starts the broker and waits until a client can use it. */
    @Override
    public void start() {
        launch();
        awaitReady();
    }

    /** Spawns the broker process (formatting the log directory first on the very first start). */
    @Override
    public void launch() {
        jvm.launch(() -> {
            Ports.requireFree(port, "Kafka", "KAFKA_PORT");
            Ports.requireFree(controllerPort, "the Kafka controller", "KAFKA_CONTROLLER_PORT");
            Path properties = writeServerProperties();
            formatOnce(properties);
            return JavaProcess.start(
                    "kafka",
                    List.of(
                            // One local broker's metadata and request buffers; the log itself is in the page cache.
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                            "-Dorg.slf4j.simpleLogger.showDateTime=true",
                            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                            "-cp",
                            classpath,
                            "kafka.Kafka",
                            properties.toString()),
                    Map.of(),
                    directory,
                    logFile);
        });
    }

    /** Stops the broker the way an operator would (SIGTERM, controlled shutdown); its data stays. */
    @Override
    public void stop() {
        jvm.stop();
    }

    /** SIGKILL: the next start recovers the log segments that were being written. */
    @Override
    public void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeServerProperties() {
        Path dataDirectory = directory.resolve("data");
        String listeners =
                "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort;
        String content = String.join(
                System.lineSeparator(),
                "# Written by the platform launcher on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Ports.LOOPBACK + ":" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://" + Ports.LOOPBACK + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory.toAbsolutePath(),
                "num.partitions=1",
                // One broker: the internal topics cannot have more replicas than that.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "min.insync.replicas=1",
                // Topics are created on purpose, with their retention, by the services (TicketTopic).
                "auto.create.topics.enable=false",
                // Consumers join immediately instead of waiting three seconds for others.
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.createDirectories(dataDirectory);
            Path file = directory.resolve("server.properties");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new PlatformException(
                    "Could not write the Kafka configuration under " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The log directory is formatted exactly once; formatting again would need the same cluster id anyway. */
    private void formatOnce(Path properties) {
        if (Files.exists(directory.resolve("data").resolve("meta.properties"))) {
            return;
        }
        JavaProcess.run(
                "kafka-storage-format",
                List.of(
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId(),
                        "-c",
                        properties.toString(),
                        "--ignore-formatted"),
                directory,
                logFile,
                Duration.ofSeconds(120));
    }

    private String clusterId() {
        Path file = directory.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new PlatformException("Could not keep the Kafka cluster id in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ready means a client can talk to it: an admin client sees the cluster with this broker in it. */
    @Override
    public void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                JavaProcess current = jvm.starting();
                try {
                    // Ask the admin client only once the port listens: it logs every refused connection.
                    if (accepts()
                            && !admin.describeCluster()
                                    .nodes()
                                    .get(3, TimeUnit.SECONDS)
                                    .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // The broker is still starting; try again until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    current.stop(Duration.ofSeconds(10));
                    throw new PlatformException("Kafka did not become ready on " + bootstrapServers() + " within "
                            + START_TIMEOUT.toSeconds() + " s." + current.describeLog());
                }
                jvm.pauseBeforeNextCheck();
            }
        }
    }

    private boolean accepts() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(Ports.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
