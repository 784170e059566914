package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TicketRecords;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Many tickets over all six partitions, their events interleaved: each ticket's events apply in its order. */
class PartitionOrderIT extends QueryServiceIT {

    @Test
    void everyTicketEndsInTheStateItsOwnEventOrderGives() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            ids.add(newTicketId());
        }
        List<List<Object>> streams = ids.stream().map(id -> lifecycle(id, t0)).toList();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        // round robin over the tickets, so that partitions and tickets interleave on the topic
        int longest = streams.stream().mapToInt(List::size).max().orElseThrow();
        for (int version = 1; version <= longest; version++) {
            for (int t = 0; t < ids.size(); t++) {
                List<Object> events = streams.get(t);
                if (version <= events.size()) {
                    records.add(TicketRecords.record(
                            TOPIC, ids.get(t), version, events.get(version - 1), "alice", t0.plusSeconds(version)));
                }
            }
        }
        Set<Integer> partitions = TestKafka.sendAll(records);
        assertThat(partitions).as("records spread over the partitions").hasSizeGreaterThan(2);

        for (int t = 0; t < ids.size(); t++) {
            Answer answer = http().get(
                            "/api/tickets/" + ids.get(t) + "?minVersion="
                                    + streams.get(t).size(),
                            "ana");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode ticket = answer.json();
            assertThat(ticket.path("version").asLong()).isEqualTo(streams.get(t).size());
            assertThat(ticket.path("status").asText()).isEqualTo("RESOLVED");
            assertThat(ticket.path("resolution").asText()).isEqualTo("fixed");
            assertThat(ticket.path("sla").path("state").asText()).isEqualTo("MET");
            assertThat(ticket.path("conversation").findValuesAsText("body"))
                    .containsExactly("first answer", "here are the logs", "thanks");
            assertThat(Instant.parse(ticket.path("updatedAt").asText()))
                    .isEqualTo(t0.plusSeconds(streams.get(t).size()));
        }
        assertThat(PARTITIONS).isEqualTo(6);
    }

    private static List<Object> lifecycle(String id, Instant t0) {
        List<Object> events = new ArrayList<>(TicketEvents.opening(
                id, "Ticket " + id, Channel.EMAIL, Priority.NORMAL, t0, Duration.ofHours(4), List.of()));
        events.add(new TicketAssignedEvent(id, "alice", "tier1"));
        events.add(new PublicReplyPostedEvent(id, "first answer"));
        events.add(new SlaClockMetEvent(id, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(5)));
        events.add(new TicketMarkedPendingEvent(id, "need logs"));
        events.add(new SlaClockPausedEvent(id, SlaMetric.RESOLUTION, Duration.ofHours(23)));
        events.add(new CustomerMessageReceivedEvent(id, "here are the logs"));
        events.add(new TicketResumedEvent(id, "customer answered"));
        events.add(new SlaClockResumedEvent(id, SlaMetric.RESOLUTION, t0.plus(Duration.ofHours(30)), null));
        events.add(new PublicReplyPostedEvent(id, "thanks"));
        events.add(new TicketResolvedEvent(id, "fixed"));
        events.add(new SlaClockMetEvent(id, SlaMetric.RESOLUTION, Duration.ofHours(1)));
        return events;
    }
}
