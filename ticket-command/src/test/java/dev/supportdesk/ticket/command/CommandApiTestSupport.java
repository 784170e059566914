package dev.supportdesk.ticket.command;

import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP integration tests: the whole service on a random port against the shared PostgreSQL
 * and Kafka, with the demo users and an {@link AdjustableClock}. All IT classes use the same configuration,
 * so Spring starts it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(AdjustableClock.Configuration.class)
abstract class CommandApiTestSupport extends ApiTestClient {

    // The service creates this topic itself (TicketTopic), as in production.
    static final String TOPIC = "support.ticket-events.it";
    static final int PARTITIONS = 3;

    private static final String DATABASE = TestPostgres.newDatabase();

    /** The tests' own checkpoint signing key, made for this JVM (docs/audit.md). */
    static final KeyPair AUDIT_KEY = auditKey();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("support.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("support.kafka.topic", () -> TOPIC);
        registry.add("support.kafka.partitions", () -> PARTITIONS);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add(
                "support.audit.signing-key",
                () -> Base64.getEncoder().encodeToString(AUDIT_KEY.getPrivate().getEncoded()));
        // Checkpoints are signed when a test asks, not by the clock.
        registry.add("support.audit.checkpoint-interval", () -> "PT1H");
    }

    private static KeyPair auditKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
