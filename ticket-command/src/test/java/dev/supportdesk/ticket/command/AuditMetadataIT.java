package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who, why and from where on every stored event is the server's word, whatever the caller sends. */
class AuditMetadataIT extends CommandApiTestSupport {

    @Autowired
    TicketStreams streams;

    @Autowired
    AdjustableClock clock;

    @Test
    void aForgedActorSourceOrRequestIdInTheBodyOrHeadersIsIgnored() {
        Answer opened = post("/api/tickets", """
                {"subject":"Forged","description":"who am I","channel":"EMAIL",
                 "requester":{"name":"Carla","email":"carla@example.com"},
                 "actor":"mallory","actorRole":"ADMIN","source":"SLA_MONITOR","requestId":"forged-1",
                 "metadata":{"actor":"mallory","source":"SYSTEM"}}""")
                .as("alice")
                .header("X-Actor", "mallory")
                .header("X-Source", "CONSOLE")
                .header("X-Request-Id", "forged-2")
                .header("X-Correlation-Id", "case-42")
                .send();
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String ticketId = opened.json().get("id").asText();

        List<TicketStreams.StoredEvent> events = streams.history(ticketId);
        assertThat(events).isNotEmpty();
        String answeredRequestId = opened.header("X-Request-Id");
        assertThat(answeredRequestId).isNotBlank().isNotIn("forged-1", "forged-2");
        for (TicketStreams.StoredEvent event : events) {
            JsonNode metadata = event.metadata();
            assertThat(metadata.get(MetadataKeys.ACTOR).asText()).isEqualTo("alice");
            assertThat(metadata.get(MetadataKeys.ACTOR_ROLE).asText()).isEqualTo("AGENT");
            assertThat(metadata.get(MetadataKeys.SOURCE).asText()).isEqualTo(MetadataKeys.SOURCE_API);
            assertThat(metadata.get(MetadataKeys.REQUEST_ID).asText()).isEqualTo(answeredRequestId);
            // the correlation id is the caller's to choose: it ties their requests together
            assertThat(metadata.get(MetadataKeys.CORRELATION_ID).asText()).isEqualTo("case-42");
            assertThat(metadata.get(MetadataKeys.CAUSATION_ID).asText()).isNotBlank();
        }
    }

    @Test
    void theSlaMonitorsServiceAccountIsRecordedAsTheSlaMonitor() {
        String ticketId = openTicket();
        String dueAt = streams.history(ticketId).get(1).payload().get("dueAt").asText();
        clock.passBeyond(Instant.parse(dueAt));
        Answer breach = post(
                        "/api/tickets/" + ticketId + "/sla/breaches",
                        "{\"metric\":\"FIRST_RESPONSE\",\"dueAt\":\"" + dueAt + "\"}")
                .as("sla-monitor")
                .header("X-Source", "CONSOLE")
                .send();
        assertThat(breach.status()).as(breach.body()).isEqualTo(200);

        List<TicketStreams.StoredEvent> events = streams.history(ticketId);
        assertThat(events.get(0).metadata().get(MetadataKeys.SOURCE).asText()).isEqualTo(MetadataKeys.SOURCE_API);
        JsonNode last = events.get(events.size() - 1).metadata();
        assertThat(last.get(MetadataKeys.ACTOR).asText()).isEqualTo("sla-monitor");
        assertThat(last.get(MetadataKeys.ACTOR_ROLE).asText()).isEqualTo("SYSTEM");
        assertThat(last.get(MetadataKeys.SOURCE).asText()).isEqualTo(MetadataKeys.SOURCE_SLA_MONITOR);
    }
}
