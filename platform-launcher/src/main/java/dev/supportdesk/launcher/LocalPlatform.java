package dev.supportdesk.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole platform on this machine: PostgreSQL (in this JVM), a Kafka broker (a child JVM) and every
 * service (a child JVM per instance), started in that order and stopped in the reverse one. Used by the
 * {@code Platform} program and, as a library, by the end-to-end tests, which also take single parts
 * away and bring them back:
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder().randomPorts().dataDirectory(dir)
 *         .instances(Service.TICKET_QUERY, 2).build()) {
 *     platform.start();
 *     platform.kafka().kill();                          // SIGKILL to the broker
 *     platform.kafka().start();                         // same data, same ports
 *     platform.instance(Service.TICKET_QUERY, 2).stop(); // SIGTERM to the second instance
 *     platform.postgres().kill();                        // the postmaster and all its children
 *     platform.postgres().start();                       // crash recovery on the same data
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    /** The options every service's JVM gets after its own heap limit, unless SERVICE_JVM_OPTIONS says otherwise. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-XX:+UseSerialGC");

    private static final String DATABASE = "supportdesk";

    private final Builder options;
    /** Each service's instance ports, the first instance's first. */
    private final Map<Service, List<Integer>> ports;
    /** Guards spawning against a concurrent close; waits for readiness happen outside it. */
    private final Object lifecycle = new Object();

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile boolean started;
    private volatile boolean closed;

    private LocalPlatform(Builder options, Map<Service, List<Integer>> ports) {
        this.options = options;
        this.ports = ports;
        this.postgres = new PostgresServer(
                options.dataDirectory.resolve("postgres"),
                options.postgresPort,
                logDirectory().resolve("postgres.log"),
                DATABASE,
                options.databaseUser,
                options.databasePassword,
                options.postgresSettings);
        this.kafka = new KafkaBroker(
                options.dataDirectory.resolve("kafka"),
                options.kafkaPort,
                options.kafkaControllerPort,
                kafkaClasspath(),
                logDirectory().resolve("kafka.log"));
        Map<String, String> common = serviceEnvironment();
        for (Service service : options.services) {
            List<Integer> instancePorts = ports.get(service);
            List<ServiceInstance> list = new ArrayList<>();
            for (int i = 0; i < instancePorts.size(); i++) {
                String name = instancePorts.size() == 1 ? service.module() : service.module() + "-" + (i + 1);
                Map<String, String> environment = new LinkedHashMap<>(common);
                // Each instance listens on its own port; every other variable is the same for all.
                environment.put(service.portVariable(), String.valueOf(instancePorts.get(i)));
                list.add(new ServiceInstance(
                        service,
                        i + 1,
                        name,
                        instancePorts.get(i),
                        jar(service),
                        jvmOptions(service),
                        options.serviceArguments.getOrDefault(service, List.of()),
                        environment,
                        options.dataDirectory,
                        logDirectory().resolve(name + ".log"),
                        options.startTimeout));
            }
            instances.put(service, List.copyOf(list));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts everything; on any failure stops what already runs and throws a message naming the culprit.
     * {@link #close()} may be called from another thread meanwhile (Ctrl-C during start-up): nothing is
     * spawned after it, and what was spawned is stopped.
     */
    public LocalPlatform start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("A platform starts once; build a new one to start again");
            }
            started = true;
        }
        try {
            synchronized (lifecycle) {
                ensureOpen();
                checkBeforeStart();
                lockDataDirectory();
                Path auditKey = options.dataDirectory.resolve(AuditSigningKey.FILE);
                if (AuditSigningKey.ensure(auditKey)) {
                    progress("Made the audit signing key " + auditKey + " (Ed25519, PKCS#8): keep it; checkpoints"
                            + " signed with it are verified with GET /api/audit/public-key");
                } else {
                    progress("Audit checkpoints are signed with the key in " + auditKey);
                }
                progress("Starting PostgreSQL on " + Ports.LOOPBACK + ":" + options.postgresPort + " (data: "
                        + options.dataDirectory.resolve("postgres") + ")");
                postgres.start();
            }
            synchronized (lifecycle) {
                ensureOpen();
                progress("Starting Kafka on " + kafka.bootstrapServers() + " (data: "
                        + options.dataDirectory.resolve("kafka") + ")");
                kafka.launch();
            }
            kafka.awaitReady();
            startServices();
            return this;
        } catch (RuntimeException e) {
            boolean cancelled = closed;
            close();
            if (cancelled) {
                throw new PlatformException("Start-up cancelled: the platform was closed while starting", e);
            }
            throw e;
        }
    }

    /** PostgreSQL, to stop, kill and start again while the platform runs. */
    public PlatformProcess postgres() {
        return controlled(postgres);
    }

    /** The Kafka broker, to stop, kill and start again while the platform runs. */
    public PlatformProcess kafka() {
        return controlled(kafka);
    }

    /** One instance of a service, numbered from 1 in start order. */
    public PlatformProcess instance(Service service, int number) {
        return controlled(serviceInstance(service, number));
    }

    /** Every instance of a service, in number order (empty when the service is not started at all). */
    public List<PlatformProcess> instances(Service service) {
        return instances.getOrDefault(service, List.of()).stream()
                .map(this::controlled)
                .toList();
    }

    /** Every part in start order: PostgreSQL, Kafka, the backends' instances, the edge. */
    public List<PlatformProcess> processes() {
        List<PlatformProcess> all = new ArrayList<>();
        all.add(postgres());
        all.add(kafka());
        Stream.concat(backendInstances().stream(), instances.getOrDefault(Service.EDGE, List.of()).stream())
                .map(this::controlled)
                .forEach(all::add);
        return all;
    }

    public int instanceCount(Service service) {
        return ports.get(service).size();
    }

    /** Stops the broker process (an outage); the services keep running and their commands keep working. */
    public void stopKafka() {
        kafka().stop();
    }

    /** Starts the broker again on the same data directory and ports. */
    public void startKafka() {
        kafka().start();
    }

    public boolean isKafkaRunning() {
        return kafka.isRunning();
    }

    /** The public origin, e.g. {@code http://localhost:8080}. */
    public String edgeUrl() {
        return "http://localhost:" + port(Service.EDGE);
    }

    /** A service's (first instance's) own address on the loopback interface; tests go through the edge. */
    public String serviceUrl(Service service) {
        return serviceUrl(service, 1);
    }

    public String serviceUrl(Service service, int number) {
        return "http://" + Ports.LOOPBACK + ":" + port(service, number);
    }

    public int port(Service service) {
        return port(service, 1);
    }

    public int port(Service service, int number) {
        List<Integer> instancePorts = ports.get(service);
        if (number < 1 || number > instancePorts.size()) {
            throw new IllegalArgumentException(
                    service.module() + " has " + instancePorts.size() + " instance(s), not " + number);
        }
        return instancePorts.get(number - 1);
    }

    /** Where an instance writes its output: {@code <module>.log}, or {@code <module>-<n>.log} with several. */
    public Path logFile(Service service, int number) {
        return serviceInstance(service, number).logFile();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + options.postgresPort + "/" + DATABASE;
    }

    public String databaseUser() {
        return options.databaseUser;
    }

    public String databasePassword() {
        return options.databasePassword;
    }

    public String kafkaBootstrapServers() {
        return Ports.LOOPBACK + ":" + options.kafkaPort;
    }

    public Path dataDirectory() {
        return options.dataDirectory;
    }

    public Path logDirectory() {
        return options.dataDirectory.resolve("logs");
    }

    /** Services first (the edge before the backends), then Kafka, then PostgreSQL; each by its own handle. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            // From here on nothing is spawned any more, so the children known now are all of them.
            closed = true;
        }
        List<RuntimeException> failures = new ArrayList<>();
        stopServices(failures);
        if (kafka.isRunning()) {
            progress("Stopping Kafka");
        }
        attempt(kafka::stop, failures);
        if (postgres.isRunning()) {
            progress("Stopping PostgreSQL");
        }
        attempt(postgres::stop, failures);
        attempt(this::unlockDataDirectory, failures);
        if (!failures.isEmpty()) {
            PlatformException failure = new PlatformException(
                    "Some parts did not stop cleanly: " + failures.get(0).getMessage());
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void startServices() {
        List<ServiceInstance> backends = backendInstances();
        // The backends need only PostgreSQL and Kafka, not each other, so they start side by side. The
        // first instance of each goes alone, so that schema migrations and topic creation run once, not
        // racing between instances of one service.
        startAndAwait(
                backends.stream().filter(instance -> instance.number() == 1).toList());
        startAndAwait(
                backends.stream().filter(instance -> instance.number() > 1).toList());
        startAndAwait(instances.getOrDefault(Service.EDGE, List.of()));
    }

    private List<ServiceInstance> backendInstances() {
        return instances.entrySet().stream()
                .filter(entry -> entry.getKey().isBackend())
                .flatMap(entry -> entry.getValue().stream())
                .toList();
    }

    private void startAndAwait(List<ServiceInstance> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (lifecycle) {
            ensureOpen();
            for (ServiceInstance instance : batch) {
                progress(
                        "Starting " + instance.name() + " on " + instance.url() + " (log: " + instance.logFile() + ")");
                instance.launch();
            }
        }
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        for (ServiceInstance instance : batch) {
            instance.awaitReady(deadline, options.startTimeout);
            progress(instance.name() + " is up");
        }
    }

    private void stopServices(List<RuntimeException> failures) {
        // Reverse start order: the edge stops taking requests before the backends go.
        List<ServiceInstance> edge = instances.getOrDefault(Service.EDGE, List.of());
        for (List<ServiceInstance> batch : List.of(edge, backendInstances())) {
            List<ServiceInstance> running =
                    batch.stream().filter(ServiceInstance::isRunning).toList();
            if (!running.isEmpty()) {
                progress("Stopping "
                        + running.stream().map(ServiceInstance::name).toList());
            }
            CompletableFuture<?>[] stops = batch.stream()
                    .map(instance -> CompletableFuture.runAsync(instance::stop))
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(stops).join();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }

    /** The variables every service process gets; each instance then gets its own port variable on top. */
    Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_URL", jdbcUrl());
        environment.put("DB_USER", options.databaseUser);
        environment.put("DB_PASSWORD", options.databasePassword);
        environment.put("KAFKA_BOOTSTRAP", kafkaBootstrapServers());
        environment.put("BIND_ADDRESS", Ports.LOOPBACK);
        environment.put("SPRING_PROFILES_ACTIVE", options.profiles);
        // ticket-command signs audit checkpoints with it (made by start() when missing).
        environment.put(
                "AUDIT_SIGNING_KEY_FILE",
                options.dataDirectory
                        .resolve(AuditSigningKey.FILE)
                        .toAbsolutePath()
                        .toString());
        for (Service service : Service.values()) {
            List<Integer> instancePorts = ports.get(service);
            environment.put(service.portVariable(), String.valueOf(instancePorts.get(0)));
            // One instance: its URL, exactly as before there could be several; more: a comma list.
            environment.put(
                    service.urlVariable(),
                    String.join(
                            ",",
                            instancePorts.stream()
                                    .map(port -> "http://" + Ports.LOOPBACK + ":" + port)
                                    .toList()));
        }
        environment.putAll(options.extraEnvironment);
        return environment;
    }

    /** The environment one instance is started with. */
    Map<String, String> instanceEnvironment(Service service, int number) {
        return serviceInstance(service, number).environment();
    }

    private ServiceInstance serviceInstance(Service service, int number) {
        List<ServiceInstance> list = instances.get(service);
        if (list == null) {
            throw new IllegalArgumentException(service.module() + " is not part of this platform");
        }
        if (number < 1 || number > list.size()) {
            throw new IllegalArgumentException(
                    service.module() + " has " + list.size() + " instance(s), not " + number);
        }
        return list.get(number - 1);
    }

    /**
     * A part as handed to callers: it acts only while the platform runs, and spawning holds the same lock
     * as {@link #close()}, so a part started from a test thread during the close is never left behind.
     */
    private PlatformProcess controlled(PlatformProcess part) {
        return new PlatformProcess() {
            @Override
            public String name() {
                return part.name();
            }

            @Override
            public void start() {
                launch();
                awaitReady();
            }

            @Override
            public void launch() {
                synchronized (lifecycle) {
                    requireStarted();
                    part.launch();
                }
            }

            @Override
            public void awaitReady() {
                requireStarted();
                part.awaitReady();
            }

            @Override
            public void stop() {
                requireStarted();
                part.stop();
            }

            @Override
            public void kill() {
                requireStarted();
                part.kill();
            }

            @Override
            public boolean isRunning() {
                return part.isRunning();
            }

            @Override
            public List<Long> pids() {
                return part.pids();
            }

            @Override
            public String toString() {
                return part.name();
            }
        };
    }

    /** The service's own heap limit, then the options common to every service (whose -Xmx, if any, wins). */
    List<String> jvmOptions(Service service) {
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add(service.heapOption());
        jvmOptions.addAll(options.serviceJvmOptions);
        return List.copyOf(jvmOptions);
    }

    private Path jar(Service service) {
        return options.rootDirectory
                .resolve(service.module())
                .resolve("target")
                .resolve(service.module() + "-exec.jar");
    }

    private void checkBeforeStart() {
        Map<Integer, String> seen = new HashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("PG_PORT", options.postgresPort);
        all.put("KAFKA_PORT", options.kafkaPort);
        all.put("KAFKA_CONTROLLER_PORT", options.kafkaControllerPort);
        for (List<ServiceInstance> list : instances.values()) {
            for (ServiceInstance instance : list) {
                all.put(
                        instance.service().portVariable()
                                + (instance.number() == 1 ? "" : " (instance " + instance.number() + ")"),
                        instance.port());
            }
        }
        all.forEach((variable, port) -> {
            String other = seen.putIfAbsent(port, variable);
            if (other != null) {
                throw new PlatformException(
                        "Port " + port + " is given twice; " + variable + " must differ from " + other + ".");
            }
        });
        List<String> missing = options.services.stream()
                .map(this::jar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("Runnable jars are missing: " + missing
                    + ". Build them first: ./mvnw -q -B -DskipTests package (or use ./run.sh, which does).");
        }
        // Every port is checked before anything starts, so a clash never leaves half a platform behind.
        Ports.requireFree(options.postgresPort, "PostgreSQL", "PG_PORT");
        Ports.requireFree(options.kafkaPort, "Kafka", "KAFKA_PORT");
        Ports.requireFree(options.kafkaControllerPort, "the Kafka controller", "KAFKA_CONTROLLER_PORT");
        for (List<ServiceInstance> list : instances.values()) {
            for (ServiceInstance instance : list) {
                Ports.requireFree(
                        instance.port(), instance.name(), instance.service().portVariable());
            }
        }
    }

    /** Two launchers on one data directory would corrupt it; the second is refused with a clear message. */
    private void lockDataDirectory() {
        try {
            Files.createDirectories(options.dataDirectory);
            Path lockFile = options.dataDirectory.resolve(".launcher.lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                lockChannel = null;
                throw new PlatformException("Another launcher is using the data directory " + options.dataDirectory
                        + ". Stop it first, or set DATA_DIR to another directory.");
            }
        } catch (IOException e) {
            throw new PlatformException(
                    "Cannot use the data directory " + options.dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private void unlockDataDirectory() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new PlatformException("Could not release the data directory lock: " + e.getMessage(), e);
        }
    }

    /**
     * The broker's classpath: the launcher's own libraries. In order: {@code lib/} beside the launcher jar
     * (the packaged launcher), {@code platform-launcher/target/lib} under the root, else this JVM's
     * classpath including jars named in manifest {@code Class-Path} entries (Maven's test runners start
     * tests from such a manifest-only jar).
     */
    String kafkaClasspath() {
        if (options.kafkaClasspath != null) {
            return options.kafkaClasspath;
        }
        try {
            Path codeSource = Path.of(LocalPlatform.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path besideJar = codeSource.resolveSibling("lib");
            if (Files.isRegularFile(codeSource) && Files.isDirectory(besideJar)) {
                return besideJar.toAbsolutePath() + File.separator + "*";
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // Fall through to the other places.
        }
        Path built = options.rootDirectory
                .resolve("platform-launcher")
                .resolve("target")
                .resolve("lib");
        if (Files.isDirectory(built)) {
            return built.toAbsolutePath() + File.separator + "*";
        }
        return Classpath.expanded(System.getProperty("java.class.path"));
    }

    private void requireStarted() {
        if (!started || closed) {
            throw new IllegalStateException("The platform is not running");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new PlatformException("The platform was closed");
        }
    }

    private void progress(String message) {
        options.out.println("[platform] " + message);
    }

    private static void attempt(Runnable action, List<RuntimeException> failures) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** Options of a local platform; defaults are those of the local start. */
    public static final class Builder {

        private static final int MAX_INSTANCES = 9;
        private static final int INSTANCE_PORT_STEP = 100;

        private Path rootDirectory = Path.of("").toAbsolutePath();
        private Path dataDirectory = Path.of("data").toAbsolutePath();
        private int postgresPort = 15432;
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        private final Map<Service, Integer> instanceCounts = new EnumMap<>(Service.class);
        private boolean randomPorts;
        private final Set<Service> services = EnumSet.allOf(Service.class);
        private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
        private final Map<Service, List<String>> serviceArguments = new EnumMap<>(Service.class);
        private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
        private final Map<String, String> postgresSettings = new LinkedHashMap<>();
        private String databaseUser = "supportdesk";
        private String databasePassword = "supportdesk";
        private String profiles = "demo";
        private Duration startTimeout = Duration.ofSeconds(240);
        private String kafkaClasspath;
        private PrintStream out = System.out;

        private Builder() {
            for (Service service : Service.values()) {
                servicePorts.put(service, service.defaultPort());
                instanceCounts.put(service, 1);
            }
        }

        /**
         * Reads the variables of the local start: DATA_DIR, PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
         * EDGE_PORT, COMMAND_PORT, QUERY_PORT, SLA_PORT, COMMAND_INSTANCES, QUERY_INSTANCES, SLA_INSTANCES,
         * DB_USER, DB_PASSWORD, SPRING_PROFILES_ACTIVE, SERVICE_JVM_OPTIONS, SERVICE_START_TIMEOUT (seconds)
         * and PLATFORM_SERVICES (a comma list of modules, or {@code none} for PostgreSQL and Kafka only).
         * Unset ones keep their defaults.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            if (present(env, "DATA_DIR")) {
                dataDirectory(Path.of(env.get("DATA_DIR")));
            }
            postgresPort = port(env, "PG_PORT", postgresPort);
            kafkaPort = port(env, "KAFKA_PORT", kafkaPort);
            kafkaControllerPort = port(env, "KAFKA_CONTROLLER_PORT", kafkaControllerPort);
            for (Service service : Service.values()) {
                servicePorts.put(service, port(env, service.portVariable(), servicePorts.get(service)));
                if (service.instancesVariable() != null && present(env, service.instancesVariable())) {
                    int count = number(env, service.instancesVariable());
                    if (count < 1 || count > MAX_INSTANCES) {
                        throw new PlatformException(service.instancesVariable() + " must be between 1 and "
                                + MAX_INSTANCES + ", was '" + env.get(service.instancesVariable()) + "'");
                    }
                    instances(service, count);
                }
            }
            if (present(env, "DB_USER")) {
                databaseUser = env.get("DB_USER");
            }
            if (present(env, "DB_PASSWORD")) {
                databasePassword = env.get("DB_PASSWORD");
            }
            if (present(env, "SPRING_PROFILES_ACTIVE")) {
                profiles = env.get("SPRING_PROFILES_ACTIVE");
            }
            if (present(env, "SERVICE_JVM_OPTIONS")) {
                serviceJvmOptions(env.get("SERVICE_JVM_OPTIONS"));
            }
            if (present(env, "SERVICE_START_TIMEOUT")) {
                startTimeout = Duration.ofSeconds(number(env, "SERVICE_START_TIMEOUT"));
            }
            if (present(env, "PLATFORM_SERVICES")) {
                services(parseServices(env.get("PLATFORM_SERVICES")));
            }
            return this;
        }

        /** The repository root, where {@code <module>/target/<module>-exec.jar} are found. */
        public Builder rootDirectory(Path root) {
            this.rootDirectory = root.toAbsolutePath().normalize();
            return this;
        }

        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder servicePort(Service service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /**
         * How many instances of a service run, each a process of its own on its own port (1 by default).
         * Instance n > 1 listens on the configured port + 100 (n - 1), or on a free port with
         * {@link #randomPorts()}. The edge is the one public origin and runs once.
         */
        public Builder instances(Service service, int count) {
            if (service == Service.EDGE && count != 1) {
                throw new PlatformException(
                        "The edge is the one public origin; it runs exactly once, not " + count + " times");
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new PlatformException(
                        service.module() + " needs between 1 and " + MAX_INSTANCES + " instances, not " + count);
            }
            instanceCounts.put(service, count);
            return this;
        }

        /** Free loopback ports for everything, chosen now: for tests that must not clash with a local run. */
        public Builder randomPorts() {
            randomPorts = true;
            int[] ports = Ports.freePorts(3 + Service.values().length);
            postgresPort = ports[0];
            kafkaPort = ports[1];
            kafkaControllerPort = ports[2];
            for (Service service : Service.values()) {
                servicePorts.put(service, ports[3 + service.ordinal()]);
            }
            return this;
        }

        /** Starts only PostgreSQL and Kafka (tests of the launcher itself, or services run from an IDE). */
        public Builder infrastructureOnly() {
            services.clear();
            return this;
        }

        public Builder services(Set<Service> wanted) {
            services.clear();
            services.addAll(wanted);
            return this;
        }

        /**
         * Options for every service's JVM, after its own heap limit ({@link Service#heapOption()}); an
         * {@code -Xmx} here overrides that for all of them.
         */
        public Builder serviceJvmOptions(List<String> jvmOptions) {
            this.serviceJvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** Options separated by blanks, as in the SERVICE_JVM_OPTIONS variable. */
        public Builder serviceJvmOptions(String jvmOptions) {
            return serviceJvmOptions(Arrays.stream(jvmOptions.trim().split("\\s+"))
                    .filter(s -> !s.isEmpty())
                    .toList());
        }

        /** Program arguments for one service, e.g. {@code --support.sla.warn-at-percent=50}. */
        public Builder serviceArguments(Service service, String... arguments) {
            serviceArguments.put(service, List.of(arguments));
            return this;
        }

        /** An extra environment variable for every service. */
        public Builder serviceEnvironment(String name, String value) {
            extraEnvironment.put(name, value);
            return this;
        }

        /**
         * An extra PostgreSQL server setting ({@code postgres -c name=value}), e.g. the benchmark's
         * {@code shared_preload_libraries=pg_stat_statements}. The durability settings cannot be overridden.
         */
        public Builder postgresSetting(String name, String value) {
            if (PostgresServer.DURABILITY.containsKey(name)) {
                throw new IllegalArgumentException(name + " is a durability setting and stays as production runs it");
            }
            postgresSettings.put(name, value);
            return this;
        }

        public Builder database(String user, String password) {
            this.databaseUser = user;
            this.databasePassword = password;
            return this;
        }

        public Builder profiles(String profiles) {
            this.profiles = profiles;
            return this;
        }

        /** How long all services together may take to report UP. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder kafkaClasspath(String classpath) {
            this.kafkaClasspath = classpath;
            return this;
        }

        /** Where progress lines go (standard output by default). */
        public Builder progressTo(PrintStream out) {
            this.out = out;
            return this;
        }

        public LocalPlatform build() {
            Map<Service, List<Integer>> ports = new EnumMap<>(Service.class);
            int extra = instanceCounts.values().stream()
                    .mapToInt(count -> count - 1)
                    .sum();
            int[] free = randomPorts && extra > 0 ? Ports.freePorts(extra + servicePorts.size() + 3) : new int[0];
            Set<Integer> taken = new HashSet<>(servicePorts.values());
            taken.addAll(List.of(postgresPort, kafkaPort, kafkaControllerPort));
            int next = 0;
            for (Service service : Service.values()) {
                List<Integer> list = new ArrayList<>();
                list.add(servicePorts.get(service));
                for (int n = 2; n <= instanceCounts.get(service); n++) {
                    if (randomPorts) {
                        // Skip free ports that the first instances already hold.
                        while (taken.contains(free[next])) {
                            next++;
                        }
                        list.add(free[next++]);
                    } else {
                        list.add(servicePorts.get(service) + INSTANCE_PORT_STEP * (n - 1));
                    }
                }
                ports.put(service, List.copyOf(list));
            }
            return new LocalPlatform(this, ports);
        }

        private static Set<Service> parseServices(String list) {
            if (list.trim().equalsIgnoreCase("none")) {
                return Set.of();
            }
            Set<Service> wanted = EnumSet.noneOf(Service.class);
            for (String name : list.split(",")) {
                String module = name.trim();
                wanted.add(Arrays.stream(Service.values())
                        .filter(s -> s.module().equals(module))
                        .findFirst()
                        .orElseThrow(() -> new PlatformException(
                                "PLATFORM_SERVICES names an unknown service '" + module + "'; known: "
                                        + Arrays.stream(Service.values())
                                                .map(Service::module)
                                                .toList() + " or none")));
            }
            return wanted;
        }

        private static boolean present(Map<String, String> env, String name) {
            return env.get(name) != null && !env.get(name).isBlank();
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            if (!present(env, name)) {
                return fallback;
            }
            int port = number(env, name);
            if (port < 1 || port > 65535) {
                throw new PlatformException(name + " must be a port between 1 and 65535, was '" + env.get(name) + "'");
            }
            return port;
        }

        private static int number(Map<String, String> env, String name) {
            try {
                return Integer.parseInt(env.get(name).trim());
            } catch (NumberFormatException e) {
                throw new PlatformException(name + " must be a number, was '" + env.get(name) + "'");
            }
        }
    }
}
