package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * sla-monitor's warnings and breaches over HTTP, judged by this service's own clock: recorded once due,
 * answered 200 without storing anything once they no longer apply, refused as NOT_DUE while their instant
 * is still to come.
 */
class SlaReportsIT extends CommandApiTestSupport {

    @Autowired
    AdjustableClock clock;

    private JsonNode firstResponseClock(String id) {
        JsonNode started = call("GET", "/api/tickets/" + id + "/history")
                .as("ana")
                .send()
                .json()
                .get("events")
                .get(1);
        assertThat(started.get("payload").get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        return started.get("payload");
    }

    private Answer report(String id, String kind, String field, String instant) {
        return post(
                        "/api/tickets/" + id + "/sla/" + kind,
                        "{\"metric\":\"FIRST_RESPONSE\",\"" + field + "\":\"" + instant + "\"}")
                .as("sla-monitor")
                .send();
    }

    @Test
    void aBreachBeforeItsDueInstantIsNotDueAndIsRecordedOnceTheInstantHasCome() {
        String id = openTicket(); // version 3
        String dueAt = firstResponseClock(id).get("dueAt").asText();
        long rows = eventRows();

        Answer early = report(id, "breaches", "dueAt", dueAt);
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = early.json();
        assertThat(problem.get("reason").asText()).isEqualTo("NOT_DUE");
        assertThat(Instant.parse(problem.get("dueAt").asText())).isEqualTo(Instant.parse(dueAt));
        assertThat(Instant.parse(problem.get("now").asText())).isBefore(Instant.parse(dueAt));
        assertThat(problem.get("detail").asText()).contains("FIRST_RESPONSE");
        assertThat(eventRows()).isEqualTo(rows);

        clock.passBeyond(Instant.parse(dueAt));
        Answer recorded = report(id, "breaches", "dueAt", dueAt);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.version()).isEqualTo(5); // breached + escalated
        assertThat(recorded.header("ETag")).isEqualTo("\"5\"");
        Answer again = report(id, "breaches", "dueAt", dueAt);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.version()).isEqualTo(5);
        assertThat(eventRows()).isEqualTo(rows + 2);
    }

    @Test
    void aWarningBeforeItsInstantIsNotDueAndIsRecordedOnceTheInstantHasCome() {
        String id = openTicket();
        String warnAt = firstResponseClock(id).get("warnAt").asText();
        long rows = eventRows();

        Answer early = report(id, "warnings", "warnAt", warnAt);
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.json().get("reason").asText()).isEqualTo("NOT_DUE");
        assertThat(Instant.parse(early.json().get("dueAt").asText())).isEqualTo(Instant.parse(warnAt));
        assertThat(eventRows()).isEqualTo(rows);

        clock.passBeyond(Instant.parse(warnAt));
        assertThat(report(id, "warnings", "warnAt", warnAt).version()).isEqualTo(4);
        assertThat(report(id, "warnings", "warnAt", warnAt).version()).isEqualTo(4);
        assertThat(eventRows()).isEqualTo(rows + 1);
    }

    @Test
    void reportsThatNoLongerApplyAre200WithTheVersionAndStoreNothingEvenBeforeTheirInstant() {
        // paused: the clock's due instant is gone
        String paused = openTicket();
        String pausedDue = firstResponseClock(paused).get("dueAt").asText();
        assertThat(post("/api/tickets/" + paused + "/assign", "{\"assignee\":\"alice\"}")
                        .as("alice")
                        .send()
                        .status())
                .isEqualTo(200);
        long pausedVersion = post("/api/tickets/" + paused + "/pending", "{}")
                .as("alice")
                .send()
                .version();
        // met: the first response was given
        String met = openTicket();
        String metDue = firstResponseClock(met).get("dueAt").asText();
        long metVersion = post("/api/tickets/" + met + "/replies", "{\"body\":\"hi\",\"visibility\":\"PUBLIC\"}")
                .as("bob")
                .send()
                .version();
        // re-targeted: another due instant now
        String retargeted = openTicket();
        String oldDue = firstResponseClock(retargeted).get("dueAt").asText();
        long retargetedVersion = post("/api/tickets/" + retargeted + "/priority", "{\"priority\":\"URGENT\"}")
                .as("alice")
                .send()
                .version();
        // merged: closed, its clocks cancelled
        String merged = openTicket();
        String mergedDue = firstResponseClock(merged).get("dueAt").asText();
        long mergedVersion = post("/api/tickets/" + merged + "/merge", "{\"into\":\"" + met + "\"}")
                .as("alice")
                .send()
                .version();
        long rows = eventRows();

        assertThat(report(paused, "breaches", "dueAt", pausedDue).version()).isEqualTo(pausedVersion);
        assertThat(report(paused, "warnings", "warnAt", pausedDue).version()).isEqualTo(pausedVersion);
        assertThat(report(met, "breaches", "dueAt", metDue).version()).isEqualTo(metVersion + 1); // + merge note
        assertThat(report(retargeted, "breaches", "dueAt", oldDue).version()).isEqualTo(retargetedVersion);
        Answer afterMerge = report(merged, "breaches", "dueAt", mergedDue);
        assertThat(afterMerge.status()).as(afterMerge.body()).isEqualTo(200);
        assertThat(afterMerge.version()).isEqualTo(mergedVersion);
        assertThat(eventRows()).isEqualTo(rows);
    }
}
