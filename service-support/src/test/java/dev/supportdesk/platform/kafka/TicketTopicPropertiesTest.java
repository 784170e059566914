package dev.supportdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TicketTopicPropertiesTest {

    private static final Map<String, String> VALID = Map.of(
            "support.kafka.bootstrap-servers", "127.0.0.1:9092",
            "support.kafka.topic", "support.ticket-events",
            "support.kafka.partitions", "6",
            "support.kafka.replication-factor", "1");

    private static TicketTopicProperties bind(String key, String value) {
        Map<String, String> settings = new HashMap<>(VALID);
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return new Binder(new MapConfigurationPropertySource(settings))
                .bind("support.kafka", TicketTopicProperties.class)
                .get();
    }

    @Test
    void bindsTheTopicAndItsBrokers() {
        TicketTopicProperties properties = bind("support.kafka.partitions", "3");
        assertThat(properties.topic()).isEqualTo("support.ticket-events");
        assertThat(properties.partitions()).isEqualTo(3);
        assertThat(properties.replicationFactor()).isEqualTo((short) 1);
        assertThat(properties.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aMissingOrInvalidValueStopsTheStartNamingItsKeyAndVariable() {
        assertThatThrownBy(() -> bind("support.kafka.bootstrap-servers", null))
                .rootCause()
                .hasMessageContaining("support.kafka.bootstrap-servers (KAFKA_BOOTSTRAP)");
        assertThatThrownBy(() -> bind("support.kafka.topic", "ticket events"))
                .rootCause()
                .hasMessageContaining("support.kafka.topic (TICKET_TOPIC)");
        assertThatThrownBy(() -> bind("support.kafka.partitions", "0"))
                .rootCause()
                .hasMessageContaining("support.kafka.partitions (TOPIC_PARTITIONS)");
        assertThatThrownBy(() -> bind("support.kafka.replication-factor", null))
                .rootCause()
                .hasMessageContaining("support.kafka.replication-factor (TOPIC_REPLICATION_FACTOR)");
    }
}
