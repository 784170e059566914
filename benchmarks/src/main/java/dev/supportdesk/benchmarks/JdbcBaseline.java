package dev.supportdesk.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable-commit limit: one ~1 KB event-shaped row (stream id, sequence, bytea payload, a bigserial key
 * and a unique stream key, like the event table) per transaction, from as many connections as the phase has
 * clients, on the platform's own PostgreSQL. The table lives in a scratch schema dropped at {@link #close()}.
 */
final class JdbcBaseline implements AutoCloseable {

    static final String SCHEMA = "bench_scratch";

    private final String url;
    private final String user;
    private final String password;
    private final PhaseRunner runner;
    private final AtomicLong sequence = new AtomicLong();

    JdbcBaseline(String url, String user, String password, PhaseRunner runner) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.runner = runner;
        execute(
                "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
                "CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + SCHEMA
                        + ".bench_baseline (id bigserial PRIMARY KEY, stream_id varchar(64) NOT NULL, seq bigint NOT NULL,"
                        + " payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, seq))");
    }

    Phase run(PhaseRunner.Load load, Duration duration) {
        int connections = load.clients() > 0 ? load.clients() : 64;
        BlockingQueue<PreparedStatement> statements = new ArrayBlockingQueue<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = DriverManager.getConnection(url, user, password);
                connection.setAutoCommit(true); // one transaction per insert
                statements.add(connection.prepareStatement(
                        "INSERT INTO " + SCHEMA + ".bench_baseline (stream_id, seq, payload) VALUES (?, ?, ?)"));
            }
            Samples inserts = new Samples("JDBC insert, 1 tx each");
            return runner.run("jdbc-baseline", load, duration, inserts, List.of(inserts), intended -> {
                long n = sequence.incrementAndGet();
                byte[] payload = Payloads.event((int) n);
                PreparedStatement insert = statements.take();
                try {
                    insert.setString(1, "stream-" + n);
                    insert.setLong(2, 1);
                    insert.setBytes(3, payload);
                    insert.executeUpdate();
                    inserts.add(System.nanoTime() - intended);
                } catch (SQLException e) {
                    inserts.fail(e.getMessage());
                } finally {
                    statements.add(insert);
                }
            });
        } catch (SQLException e) {
            throw new BenchmarkException("The JDBC baseline failed: " + e.getMessage(), e);
        } finally {
            for (PreparedStatement statement : statements) {
                try {
                    statement.getConnection().close();
                } catch (SQLException ignored) {
                    // closing a connection of a finished phase; nothing depends on it
                }
            }
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private void execute(String... sql) {
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Statement statement = admin.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new BenchmarkException("The JDBC baseline failed: " + e.getMessage(), e);
        }
    }
}
