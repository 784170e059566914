package dev.supportdesk.ticket.command;

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

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedInfrastructure::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("support.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().getBrokersAsString());
        registry.add("support.publishing.bootstrap-servers", () -> SharedInfrastructure.kafka().getBrokersAsString());
        registry.add("axon.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().getBrokersAsString());
        registry.add("support.kafka.topic", () -> SharedInfrastructure.TOPIC);
        registry.add("support.kafka.partitions", () -> SharedInfrastructure.PARTITIONS);
        registry.add("server.address", () -> "127.0.0.1");
    }
}
