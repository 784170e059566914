package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.kafka.TicketTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The end offset of every partition of the ticket topic, for the lag of consumers across all instances (a
 * consumer itself knows only the partitions it holds). Answers empty while Kafka is unreachable.
 */
final class TopicEnds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicEnds.class);

    private final TicketTopic topic;
    private Admin admin;

    TopicEnds(TicketTopic topic) {
        this.topic = topic;
    }

    synchronized Map<Integer, Long> endOffsets() {
        try {
            Admin client = admin();
            TopicDescription description = client.describeTopics(List.of(topic.name()))
                    .allTopicNames()
                    .get(3, TimeUnit.SECONDS)
                    .get(topic.name());
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(
                            p -> new TopicPartition(topic.name(), p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    client.listOffsets(latest).all().get(3, TimeUnit.SECONDS);
            Map<Integer, Long> result = new HashMap<>();
            ends.forEach((partition, info) -> result.put(partition.partition(), info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            log.debug("End offsets of {} unknown: {}", topic.name(), e.toString());
            return Map.of();
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrapServers());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "consumer-lag");
            admin = Admin.create(properties);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
