package dev.supportdesk.platform.kafka;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.kafka.*}: the ticket topic and the brokers that hold it. The values are the placeholders of each
 * service's application.yml ({@code KAFKA_BOOTSTRAP}, {@code TICKET_TOPIC}, {@code TOPIC_PARTITIONS},
 * {@code TOPIC_REPLICATION_FACTOR}).
 *
 * @param bootstrapServers  the brokers, as Kafka clients take them ({@code host:port,...})
 * @param topic             the topic's name
 * @param partitions        the partitions the topic is created with when it is missing
 * @param replicationFactor the copies of each partition the topic is created with
 */
@ConfigurationProperties("support.kafka")
record TicketTopicProperties(String bootstrapServers, String topic, int partitions, short replicationFactor) {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    TicketTopicProperties {
        require(
                bootstrapServers != null && !bootstrapServers.isBlank(),
                "bootstrap-servers (KAFKA_BOOTSTRAP) is empty");
        require(
                topic != null && TOPIC_NAME.matcher(topic).matches() && !topic.equals(".") && !topic.equals(".."),
                "topic (TICKET_TOPIC) is not a Kafka topic name: " + topic);
        require(partitions >= 1, "partitions (TOPIC_PARTITIONS) must be at least 1: " + partitions);
        require(
                replicationFactor >= 1,
                "replication-factor (TOPIC_REPLICATION_FACTOR) must be at least 1: " + replicationFactor);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("support.kafka." + problem);
        }
    }
}
