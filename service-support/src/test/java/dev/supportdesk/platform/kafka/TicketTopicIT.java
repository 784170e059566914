package dev.supportdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class TicketTopicIT {

    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void createsTheTopicWithItsPartitionsAndUnlimitedRetention() throws Exception {
        TicketTopic topic = new TicketTopic("ticket-events-it", 6, (short) 1, broker.getBrokersAsString());
        topic.start();
        try {
            topic.awaitCreated(Duration.ofSeconds(30));
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
                assertThat(admin.describeTopics(List.of("ticket-events-it"))
                                .allTopicNames()
                                .get()
                                .get("ticket-events-it")
                                .partitions())
                        .hasSize(6);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ticket-events-it");
                Config config =
                        admin.describeConfigs(Set.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            }
        } finally {
            topic.stop();
        }
    }

    @Test
    void acceptsATopicThatAlreadyExists() throws Exception {
        TicketTopic first = new TicketTopic("ticket-events-existing", 3, (short) 1, broker.getBrokersAsString());
        first.start();
        first.awaitCreated(Duration.ofSeconds(30));
        first.stop();

        TicketTopic second = new TicketTopic("ticket-events-existing", 3, (short) 1, broker.getBrokersAsString());
        second.start();
        try {
            second.awaitCreated(Duration.ofSeconds(30));
            assertThat(second.isCreated()).isTrue();
        } finally {
            second.stop();
        }
    }
}
