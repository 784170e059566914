package dev.supportdesk.ticket.query;

import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A ticket-query of a test's own, on its own database and topic, for tests that stop or restart the service. */
public final class OwnService {

    private OwnService() {}

    /** Starts the service (demo profile, a free loopback port); {@code arguments} add or override settings. */
    public static ConfigurableApplicationContext start(String database, String topic, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD,
                "--support.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--support.kafka.topic=" + topic,
                "--support.kafka.partitions=" + QueryServiceIT.PARTITIONS,
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN",
                "--spring.jmx.enabled=false"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(TicketQueryApplication.class)
                .profiles("demo")
                .run(all.toArray(String[]::new));
    }
}
