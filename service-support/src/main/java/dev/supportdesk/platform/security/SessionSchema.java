package dev.supportdesk.platform.security;

import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the console's session table (db/platform/session) into its own schema, {@value #SCHEMA}, which every
 * service shares: a session opened through one service must be accepted, and once signed out refused, by all.
 * Whichever service starts first migrates it; Flyway's lock lets the others wait and find it done.
 */
final class SessionSchema {

    static final String SCHEMA = "platform_session";
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(SessionSchema.class);

    private SessionSchema() {}

    /**
     * Backends started at the same moment may race to create the schema itself, before Flyway's lock exists; the
     * loser finds it created when it tries again.
     */
    static void migrate(DataSource dataSource) {
        for (int attempt = 1; ; attempt++) {
            try {
                flyway(dataSource).migrate();
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Migrating {} failed ({}); trying again", SCHEMA, e.getMessage());
                pause();
            }
        }
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("session_schema_history")
                .locations("classpath:db/platform/session")
                .load();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
