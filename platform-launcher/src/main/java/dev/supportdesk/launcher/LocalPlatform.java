package dev.supportdesk.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on this machine: PostgreSQL (in this JVM), a Kafka broker (a child JVM) and every
 * service (a child JVM each), started in that order and stopped in the reverse one. Used by the
 * {@code Platform} program and, as a library, by the end-to-end tests.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder().randomPorts().dataDirectory(dir).build()) {
 *     platform.start();
 *     platform.stopKafka();   // an outage
 *     platform.startKafka();  // same data, same ports
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    private static final String DATABASE = "supportdesk";

    private final Builder options;
    private final Map<Service, Integer> servicePorts;
    /** Guards spawning against a concurrent close; waits for readiness happen outside it. */
    private final Object lifecycle = new Object();
    private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile boolean started;
    private volatile boolean closed;

    private LocalPlatform(Builder options) {
        this.options = options;
        this.servicePorts = new EnumMap<>(options.servicePorts);
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
                progress("Starting PostgreSQL on " + Ports.LOOPBACK + ":" + options.postgresPort
                        + " (data: " + options.dataDirectory.resolve("postgres") + ")");
                postgres = PostgresServer.start(options.dataDirectory.resolve("postgres"), options.postgresPort,
                        logDirectory().resolve("postgres.log"), DATABASE, options.databaseUser, options.databasePassword);
            }
            synchronized (lifecycle) {
                ensureOpen();
                kafka = new KafkaBroker(options.dataDirectory.resolve("kafka"), options.kafkaPort,
                        options.kafkaControllerPort, kafkaClasspath(), logDirectory().resolve("kafka.log"));
                progress("Starting Kafka on " + kafka.bootstrapServers() + " (data: " + options.dataDirectory.resolve("kafka") + ")");
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

    /** Stops the broker process (an outage); the services keep running and their commands keep working. */
    public void stopKafka() {
        requireStarted();
        kafka.stop();
    }

    /** Starts the broker again on the same data directory and ports. */
    public void startKafka() {
        requireStarted();
        kafka.start();
    }

    public boolean isKafkaRunning() {
        return kafka != null && kafka.isRunning();
    }

    /** The public origin, e.g. {@code http://localhost:8080}. */
    public String edgeUrl() {
        return "http://localhost:" + servicePorts.get(Service.EDGE);
    }

    /** A service's own address on the loopback interface (tests go through the edge; this is for diagnosis). */
    public String serviceUrl(Service service) {
        return "http://" + Ports.LOOPBACK + ":" + servicePorts.get(service);
    }

    public int port(Service service) {
        return servicePorts.get(service);
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
            // From here on start() spawns nothing more, so the children known now are all of them.
            closed = true;
        }
        List<RuntimeException> failures = new ArrayList<>();
        stopServices(failures);
        if (kafka != null) {
            progress("Stopping Kafka");
            attempt(kafka::stop, failures);
        }
        if (postgres != null) {
            progress("Stopping PostgreSQL");
            attempt(postgres::close, failures);
        }
        attempt(this::unlockDataDirectory, failures);
        if (!failures.isEmpty()) {
            PlatformException failure = new PlatformException("Some parts did not stop cleanly: " + failures.get(0).getMessage());
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void startServices() {
        if (options.services.isEmpty()) {
            return;
        }
        Map<String, String> environment = serviceEnvironment();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Service> backends = options.services.stream().filter(Service::isBackend).toList();
        // The backends start side by side: they need only PostgreSQL and Kafka, not each other.
        startAndAwait(backends, environment, client);
        if (options.services.contains(Service.EDGE)) {
            startAndAwait(List.of(Service.EDGE), environment, client);
        }
    }

    private void startAndAwait(List<Service> batch, Map<String, String> environment, HttpClient client) {
        List<ServiceProcess> started = new ArrayList<>();
        synchronized (lifecycle) {
            ensureOpen();
            for (Service service : batch) {
                progress("Starting " + service.module() + " on " + serviceUrl(service)
                        + " (log: " + logDirectory().resolve(service.module() + ".log") + ")");
                ServiceProcess process = ServiceProcess.start(service, jar(service), servicePorts.get(service),
                        options.serviceJvmOptions, options.serviceArguments.getOrDefault(service, List.of()),
                        environment, options.dataDirectory, logDirectory().resolve(service.module() + ".log"));
                services.add(process);
                started.add(process);
            }
        }
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        for (ServiceProcess process : started) {
            process.awaitHealthy(client, deadline, options.startTimeout);
            progress(process.service().module() + " is up");
        }
    }

    private void stopServices(List<RuntimeException> failures) {
        // Reverse start order: the edge stops taking requests before the backends go.
        List<ServiceProcess> edge = services.stream().filter(s -> !s.service().isBackend()).toList();
        List<ServiceProcess> backends = services.stream().filter(s -> s.service().isBackend()).toList();
        for (List<ServiceProcess> batch : List.of(edge, backends)) {
            if (batch.isEmpty()) {
                continue;
            }
            progress("Stopping " + batch.stream().map(s -> s.service().module()).toList());
            CompletableFuture<?>[] stops = batch.stream()
                    .map(s -> CompletableFuture.runAsync(s::stop))
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(stops).join();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        services.clear();
    }

    Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_URL", jdbcUrl());
        environment.put("DB_USER", options.databaseUser);
        environment.put("DB_PASSWORD", options.databasePassword);
        environment.put("KAFKA_BOOTSTRAP", kafkaBootstrapServers());
        environment.put("BIND_ADDRESS", Ports.LOOPBACK);
        environment.put("SPRING_PROFILES_ACTIVE", options.profiles);
        for (Service service : Service.values()) {
            environment.put(service.portVariable(), String.valueOf(servicePorts.get(service)));
            environment.put(service.urlVariable(), serviceUrl(service));
        }
        environment.putAll(options.extraEnvironment);
        return environment;
    }

    private Path jar(Service service) {
        return options.rootDirectory.resolve(service.module()).resolve("target").resolve(service.module() + "-exec.jar");
    }

    private void checkBeforeStart() {
        Set<Integer> seen = new HashSet<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("PG_PORT", options.postgresPort);
        all.put("KAFKA_PORT", options.kafkaPort);
        all.put("KAFKA_CONTROLLER_PORT", options.kafkaControllerPort);
        for (Service service : options.services) {
            all.put(service.portVariable(), servicePorts.get(service));
        }
        all.forEach((variable, port) -> {
            if (!seen.add(port)) {
                throw new PlatformException("Port " + port + " is given twice; " + variable + " must differ from the other ports.");
            }
        });
        List<String> missing = options.services.stream().map(this::jar).filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("Runnable jars are missing: " + missing
                    + ". Build them first: ./mvnw -q -B -DskipTests package (or use ./run.sh, which does).");
        }
        // Every port is checked before anything starts, so a clash never leaves half a platform behind.
        Ports.requireFree(options.postgresPort, "PostgreSQL", "PG_PORT");
        Ports.requireFree(options.kafkaPort, "Kafka", "KAFKA_PORT");
        Ports.requireFree(options.kafkaControllerPort, "the Kafka controller", "KAFKA_CONTROLLER_PORT");
        for (Service service : options.services) {
            Ports.requireFree(servicePorts.get(service), service.module(), service.portVariable());
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
            throw new PlatformException("Cannot use the data directory " + options.dataDirectory + ": " + e.getMessage(), e);
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
            Path codeSource = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path besideJar = codeSource.resolveSibling("lib");
            if (Files.isRegularFile(codeSource) && Files.isDirectory(besideJar)) {
                return besideJar.toAbsolutePath() + File.separator + "*";
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // Fall through to the other places.
        }
        Path built = options.rootDirectory.resolve("platform-launcher").resolve("target").resolve("lib");
        if (Files.isDirectory(built)) {
            return built.toAbsolutePath() + File.separator + "*";
        }
        return Classpath.expanded(System.getProperty("java.class.path"));
    }

    private void requireStarted() {
        if (kafka == null || closed) {
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

        private Path rootDirectory = Path.of("").toAbsolutePath();
        private Path dataDirectory = Path.of("data").toAbsolutePath();
        private int postgresPort = 15432;
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        private final Set<Service> services = EnumSet.allOf(Service.class);
        private List<String> serviceJvmOptions = List.of("-Xmx384m", "-XX:+UseSerialGC");
        private final Map<Service, List<String>> serviceArguments = new EnumMap<>(Service.class);
        private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
        private String databaseUser = "supportdesk";
        private String databasePassword = "supportdesk";
        private String profiles = "demo";
        private Duration startTimeout = Duration.ofSeconds(240);
        private String kafkaClasspath;
        private PrintStream out = System.out;

        private Builder() {
            for (Service service : Service.values()) {
                servicePorts.put(service, service.defaultPort());
            }
        }

        /**
         * Reads the variables of the local start: DATA_DIR, PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
         * EDGE_PORT, COMMAND_PORT, QUERY_PORT, SLA_PORT, DB_USER, DB_PASSWORD, SPRING_PROFILES_ACTIVE,
         * SERVICE_JVM_OPTIONS, SERVICE_START_TIMEOUT (seconds) and PLATFORM_SERVICES (a comma list of
         * modules, or {@code none} for PostgreSQL and Kafka only). Unset ones keep their defaults.
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

        /** Free loopback ports for everything, chosen now: for tests that must not clash with a local run. */
        public Builder randomPorts() {
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

        public Builder serviceJvmOptions(List<String> jvmOptions) {
            this.serviceJvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** Options separated by blanks, as in the SERVICE_JVM_OPTIONS variable. */
        public Builder serviceJvmOptions(String jvmOptions) {
            return serviceJvmOptions(Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
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
            return new LocalPlatform(this);
        }

        private static Set<Service> parseServices(String list) {
            if (list.trim().equalsIgnoreCase("none")) {
                return Set.of();
            }
            Set<Service> wanted = EnumSet.noneOf(Service.class);
            for (String name : list.split(",")) {
                String module = name.trim();
                wanted.add(Arrays.stream(Service.values()).filter(s -> s.module().equals(module)).findFirst()
                        .orElseThrow(() -> new PlatformException("PLATFORM_SERVICES names an unknown service '" + module
                                + "'; known: " + Arrays.stream(Service.values()).map(Service::module).toList() + " or none")));
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
