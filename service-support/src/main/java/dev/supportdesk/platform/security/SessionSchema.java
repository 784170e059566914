package dev.supportdesk.platform.security;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the console's session table (db/platform/session) into its own schema, {@value #SCHEMA}, which every
 * service shares: a session opened through one service must be accepted, and once signed out refused, by all.
 * Whichever service starts first migrates it; Flyway's lock lets the others wait and find it done.
 */
final class SessionSchema {

    static final String SCHEMA = "platform_session";

    private SessionSchema() {}

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("session_schema_history")
                .locations("classpath:db/platform/session")
                .load()
                .migrate();
    }
}
