package dev.supportdesk.ticket.query;

import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.testing.TicketRecords;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the service's integration tests: the whole application on a random loopback port, against the
 * shared embedded PostgreSQL and Kafka, with the demo users. Every subclass shares one application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.zookeeper=WARN"
        })
@ActiveProfiles("demo")
public abstract class QueryServiceIT {

    /** The platform's partition count. */
    public static final int PARTITIONS = 6;

    protected static final String TOPIC = TestKafka.newTopic(PARTITIONS);
    private static final String DATABASE = TestPostgres.newDatabase();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("support.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("support.kafka.topic", () -> TOPIC);
        registry.add("support.kafka.partitions", () -> PARTITIONS);
    }

    protected HttpCalls http() {
        return new HttpCalls(port);
    }

    /** A ticket id no other test uses, so tests share the database without seeing each other's tickets. */
    protected static String newTicketId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns the partition the record went to. */
    protected static int publish(String ticketId, long version, Object event, String actor, Instant at) {
        return TestKafka.send(TicketRecords.record(TOPIC, ticketId, version, event, actor, at))
                .partition();
    }
}
