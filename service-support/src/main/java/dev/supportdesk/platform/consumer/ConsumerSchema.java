package dev.supportdesk.platform.consumer;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the consumers' state tables (db/platform/consumer) into the service's schema, with a schema history
 * of their own, so that service-support owns its tables' migrations and each service keeps its own numbering.
 * Runs after the service's own migrations.
 */
final class ConsumerSchema {

    static final String HISTORY_TABLE = "platform_schema_history";

    ConsumerSchema(DataSource dataSource, String schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations("classpath:db/platform/consumer")
                // The schema already holds the service's own tables: start this history empty, at version 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
