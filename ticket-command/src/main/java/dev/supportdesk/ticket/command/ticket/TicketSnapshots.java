package dev.supportdesk.ticket.command.ticket;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.model.sla.SlaClock;
import dev.supportdesk.platform.axon.PlatformSerializer;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon snapshots of the {@link Ticket}: a ticket whose stream grew past the threshold loads from its last snapshot
 * and the events after it, not from its first event (docs/ticket-command.md). Snapshots live in their own table,
 * never among the events the audit chain, the outbox and the feed read. A snapshot is a cache: one of another
 * shape than today's {@code Ticket} (another {@link #REVISION}) or one that no longer reads is skipped, and the
 * ticket is rebuilt from its events.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketSnapshotProperties.class)
class TicketSnapshots {

    /** The shape of the stored ticket state; the {@code @Revision} of {@link Ticket}. Change both with a field. */
    static final String REVISION = "1";

    private static final Logger log = LoggerFactory.getLogger(TicketSnapshots.class);

    @Bean
    SnapshotTriggerDefinition ticketSnapshotTrigger(Snapshotter snapshotter, TicketSnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.threshold());
    }

    /**
     * The ticket's fields as they are (no getters, no setters: the aggregate has none), with the collection types
     * the event sourcing handlers rely on kept: insertion-ordered tags, clocks in metric order.
     */
    @Bean
    @Qualifier("snapshotSerializer")
    Serializer snapshotSerializer() {
        // The platform's form (ISO instants and durations) on a mapper of its own, which only snapshots use.
        JacksonSerializer serializer = (JacksonSerializer) PlatformSerializer.jackson(Ticket.class.getClassLoader());
        serializer
                .getObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .addMixIn(Ticket.class, TicketShape.class);
        return serializer;
    }

    /** Lets through only snapshots of today's shape that read back; anything else is skipped, with a warning. */
    @Bean
    SnapshotFilter ticketSnapshotFilter(@Qualifier("snapshotSerializer") Serializer snapshotSerializer) {
        return snapshot -> allow(snapshot, snapshotSerializer);
    }

    static boolean allow(DomainEventData<?> snapshot, Serializer serializer) {
        if (!Ticket.class.getName().equals(snapshot.getPayload().getType().getName())) {
            return true; // another aggregate's snapshot: its own filter decides
        }
        if (!Objects.equals(REVISION, snapshot.getPayload().getType().getRevision())) {
            log.info(
                    "Skipping the snapshot of ticket {} at {}: revision {}, the ticket is revision {}",
                    snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(),
                    snapshot.getPayload().getType().getRevision(),
                    REVISION);
            return false;
        }
        try {
            serializer.deserialize(snapshot.getPayload());
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping the unreadable snapshot of ticket {} at {}; the ticket loads from its events: {}",
                    snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(),
                    e.toString());
            return false;
        }
    }

    /** Jackson mix-in: the concrete collections of {@link Ticket}'s fields. */
    @SuppressWarnings("unused")
    abstract static class TicketShape {

        @JsonDeserialize(as = LinkedHashSet.class)
        Set<String> tags;

        @JsonDeserialize(as = EnumMap.class)
        Map<SlaMetric, SlaClock> clocks;

        @JsonDeserialize(as = EnumMap.class)
        Map<SlaMetric, Integer> clockRuns;
    }
}
