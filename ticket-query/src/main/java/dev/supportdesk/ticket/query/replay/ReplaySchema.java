package dev.supportdesk.ticket.query.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The schema a rebuild writes into, {@code <live schema>_replay}: made by the service's own Flyway migrations and
 * the consumers' platform migrations, exactly as the live schema was, so the copy has the same tables, indexes and
 * constraints, and its own consumer state. Its tables are moved into the live schema at switchover; what is left
 * is dropped.
 */
final class ReplaySchema {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final String live;
    private final String[] locations;

    ReplaySchema(DataSource dataSource, String live, String[] locations) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.live = live;
        this.locations = locations;
    }

    String live() {
        return live;
    }

    String copy() {
        return live + "_replay";
    }

    /** Where the live tables go at switchover, to be dropped right after it. */
    String retired() {
        return live + "_retired";
    }

    /** Drops what an earlier rebuild left (a crash mid-replay), then migrates a fresh copy. */
    void create() {
        dropLeftovers();
        migrate(locations, "flyway_schema_history");
        migrate(new String[] {"classpath:db/platform/consumer"}, "platform_schema_history");
    }

    void dropLeftovers() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + quoted(copy()) + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + quoted(retired()) + " CASCADE");
    }

    private void migrate(String[] from, String history) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(copy())
                .defaultSchema(copy())
                .createSchemas(true)
                .table(history)
                .locations(from)
                // the second history starts in a schema the first one filled, as ConsumerSchema's does
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * Transactions that read and write the copy: unqualified names resolve in its schema only, and the ticket
     * table's notifications stay silent (live screens must not hear of rows they cannot see).
     */
    DataSourceTransactionManager transactions() {
        String searchPath = quoted(copy());
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource) {
            @Override
            protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
                    throws SQLException {
                super.prepareTransactionalConnection(connection, definition);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL search_path TO " + searchPath);
                    statement.execute("SET LOCAL supportdesk.replay TO 'on'");
                }
            }
        };
        manager.afterPropertiesSet();
        return manager;
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
