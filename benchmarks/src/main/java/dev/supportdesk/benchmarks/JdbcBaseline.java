package dev.supportdesk.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Raw PostgreSQL: one ~1 KB JSON row into a bytea column per transaction, from the same number of
 * concurrent clients as the commands, on the platform's own PostgreSQL. The table lives in a scratch
 * schema that is dropped afterwards.
 */
final class JdbcBaseline {

    static final String SCHEMA = "bench_scratch";

    private final String url;
    private final String user;
    private final String password;
    private final Duration timeout;

    JdbcBaseline(String url, String user, String password, Duration timeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    Samples run(int warmup, int count, int concurrency) {
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("CREATE TABLE " + SCHEMA + ".bench_baseline ("
                    + " id bigserial PRIMARY KEY,"
                    + " stream_id varchar(64) NOT NULL,"
                    + " seq bigint NOT NULL,"
                    + " payload bytea NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now(),"
                    + " UNIQUE (stream_id, seq))");
            try {
                insert("warm-up", warmup, concurrency, new Samples("warm-up"));
                Samples inserts = new Samples("JDBC insert, 1 tx each");
                inserts.wallNanos(insert("measured", count, concurrency, inserts));
                return inserts;
            } finally {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        } catch (SQLException e) {
            throw new BenchmarkException("The JDBC baseline failed: " + e.getMessage(), e);
        }
    }

    private long insert(String label, int count, int concurrency, Samples samples) throws SQLException {
        List<Connection> connections = new CopyOnWriteArrayList<>();
        ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
        try {
            return Workers.run("jdbc-" + label, concurrency, count, timeout, i -> {
                PreparedStatement insert = statements.get();
                if (insert == null) {
                    Connection connection = DriverManager.getConnection(url, user, password);
                    connections.add(connection);
                    connection.setAutoCommit(true); // one transaction per insert
                    insert = connection.prepareStatement(
                            "INSERT INTO " + SCHEMA + ".bench_baseline (stream_id, seq, payload) VALUES (?, ?, ?)");
                    statements.set(insert);
                }
                byte[] payload = Payloads.event(i);
                long start = System.nanoTime();
                try {
                    insert.setString(1, label + "-" + i);
                    insert.setLong(2, 1);
                    insert.setBytes(3, payload);
                    insert.executeUpdate();
                    samples.add(System.nanoTime() - start);
                } catch (SQLException e) {
                    samples.fail(e.getMessage());
                }
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
