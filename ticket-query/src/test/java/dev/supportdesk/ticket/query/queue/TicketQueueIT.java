package dev.supportdesk.ticket.query.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import dev.supportdesk.ticket.query.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The queue over six tickets that only this class tags with {@code run}: every query filters on that tag so
 * that other suites' tickets in the shared database never count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketQueueIT extends QueryServiceIT {

    private final String run = "run-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // ids sort in creation order: a..f
    private final String prefix = "Q" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private final String a = prefix + "a"; // NORMAL, EMAIL, alice/tier1, OPEN, first response due +4h
    private final String b = prefix + "b"; // URGENT, PHONE, unassigned NEW, due +30m, AT_RISK
    private final String c = prefix + "c"; // HIGH, CHAT, bob/tier1, PENDING (clocks still run here), due +1h, BREACHED
    private final String d = prefix + "d"; // LOW, WEB, tina/tier2, RESOLVED: no running clock
    private final String e = prefix + "e"; // NORMAL, EMAIL, unassigned, due +4h (same as a: id decides)
    private final String f = prefix + "f"; // HIGH, API, alice, subject mentions "invoice"

    @BeforeAll
    void tickets() {
        open(a, "Printer jam", Channel.EMAIL, Priority.NORMAL, Duration.ofHours(4), t0);
        publish(a, 4, new TicketAssignedEvent(a, "alice", "tier1"), "alice", t0.plusSeconds(10));

        open(b, "Server down", Channel.PHONE, Priority.URGENT, Duration.ofMinutes(30), t0);
        publish(
                b,
                4,
                new SlaClockAtRiskEvent(b, SlaMetric.FIRST_RESPONSE, t0.plusSeconds(1440)),
                "sla-monitor",
                t0.plusSeconds(20));

        open(c, "VPN flaky", Channel.CHAT, Priority.HIGH, Duration.ofHours(1), t0);
        publish(c, 4, new TicketAssignedEvent(c, "bob", "tier1"), "bob", t0.plusSeconds(5));
        publish(c, 5, new TicketMarkedPendingEvent(c, "logs please"), "bob", t0.plusSeconds(6));
        publish(
                c,
                6,
                new SlaClockBreachedEvent(c, SlaMetric.FIRST_RESPONSE, t0.plusSeconds(3600)),
                "sla-monitor",
                t0.plusSeconds(7));
        publish(
                c,
                7,
                new TicketEscalatedEvent(c, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, null),
                "sla-monitor",
                t0.plusSeconds(7));

        open(d, "Password reset", Channel.WEB, Priority.LOW, Duration.ofHours(8), t0);
        publish(d, 4, new TicketAssignedEvent(d, "tina", "tier2"), "tina", t0.plusSeconds(1));
        publish(
                d,
                5,
                new SlaClockMetEvent(d, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(1)),
                "tina",
                t0.plusSeconds(2));
        publish(d, 6, new TicketResolvedEvent(d, "reset"), "tina", t0.plusSeconds(3));
        publish(d, 7, new SlaClockMetEvent(d, SlaMetric.RESOLUTION, Duration.ofMinutes(1)), "tina", t0.plusSeconds(3));

        open(e, "Printer jam again", Channel.EMAIL, Priority.NORMAL, Duration.ofHours(4), t0);

        open(
                f,
                "Wrong invoice_total",
                Channel.API,
                Priority.HIGH,
                Duration.ofHours(1).plusMinutes(1),
                t0);
        publish(f, 4, new TicketAssignedEvent(f, "alice", null), "alice", t0.plusSeconds(30));

        // read-your-own-write on the last event of each: the queue is complete after this
        for (String[] last : new String[][] {{a, "4"}, {b, "4"}, {c, "7"}, {d, "7"}, {e, "3"}, {f, "4"}}) {
            assertThat(http().get("/api/tickets/" + last[0] + "?minVersion=" + last[1], "alice")
                            .status())
                    .isEqualTo(200);
        }
    }

    private void open(
            String id, String subject, Channel channel, Priority priority, Duration firstResponse, Instant at) {
        List<Object> events = TicketEvents.opening(
                id,
                subject,
                channel,
                priority,
                at,
                firstResponse,
                List.of(run, channel.name().toLowerCase()));
        for (int i = 0; i < events.size(); i++) {
            publish(id, i + 1, events.get(i), "alice", at);
        }
    }

    private JsonNode queue(String query, String user) {
        Answer answer = http().get("/api/tickets?tag=" + run + (query.isEmpty() ? "" : "&" + query), user);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .map(i -> i.path("id").asText())
                .toList();
    }

    @Test
    void defaultSortIsEarliestRunningDueInstantThenIdWithNoneLast() {
        JsonNode page = queue("", "alice");

        assertThat(ids(page)).containsExactly(b, c, f, a, e, d);
        assertThat(page.path("total").asLong()).isEqualTo(6);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(50);
    }

    @Test
    void itemsCarryTheQueueFieldsAndTheSlaBlock() {
        JsonNode item = queue("q=Server", "sam").path("items").get(0);

        assertThat(item.path("id").asText()).isEqualTo(b);
        assertThat(item.path("status").asText()).isEqualTo("NEW");
        assertThat(item.path("priority").asText()).isEqualTo("URGENT");
        assertThat(item.path("channel").asText()).isEqualTo("PHONE");
        assertThat(item.path("assignee").isNull()).isTrue();
        assertThat(item.path("requester").path("name").asText()).isEqualTo("Carla Customer");
        assertThat(item.path("customerTier").asText()).isEqualTo("STANDARD");
        assertThat(item.path("version").asLong()).isEqualTo(4);
        assertThat(item.path("sla").path("state").asText()).isEqualTo("AT_RISK");
        assertThat(Instant.parse(item.path("sla").path("firstResponseDueAt").asText()))
                .isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertThat(item.has("description")).isFalse();
    }

    @Test
    void sortsByLatestUpdateAndByPriority() {
        assertThat(ids(queue("sort=-updatedAt", "alice"))).containsExactly(f, b, a, c, d, e);
        // priority high to low; equal priorities by due instant
        assertThat(ids(queue("sort=-priority", "alice"))).containsExactly(b, c, f, a, e, d);
    }

    @Test
    void filtersByStatusListAssigneeGroupPriorityAndChannel() {
        assertThat(ids(queue("status=NEW,PENDING", "alice"))).containsExactly(b, c, e);
        assertThat(ids(queue("assignee=me", "alice"))).containsExactly(f, a);
        assertThat(ids(queue("assignee=me", "bob"))).containsExactly(c);
        assertThat(ids(queue("assignee=none", "alice"))).containsExactly(b, e);
        assertThat(ids(queue("assignee=tina", "alice"))).containsExactly(d);
        assertThat(ids(queue("group=tier1", "alice"))).containsExactly(c, a);
        assertThat(ids(queue("priority=HIGH", "alice"))).containsExactly(c, f);
        assertThat(ids(queue("channel=EMAIL", "alice"))).containsExactly(a, e);
        assertThat(ids(queue("tag=email", "alice"))).isEmpty(); // the tag filter is exact; both tags must match
        assertThat(ids(queue("status=OPEN&priority=NORMAL", "alice"))).containsExactly(a);
    }

    @Test
    void filtersByTextInSubjectDescriptionAndRequester() {
        assertThat(ids(queue("q=printer", "alice"))).containsExactly(a, e);
        // LIKE wildcards are taken literally
        assertThat(ids(queue("q=invoice_", "alice"))).containsExactly(f);
        assertThat(ids(queue("q=invoice%25", "alice"))).isEmpty();
        assertThat(ids(queue("q=Description%20of%20VPN", "alice"))).containsExactly(c);
        assertThat(ids(queue("q=carla@example", "alice"))).hasSize(6);
    }

    @Test
    void filtersBySlaState() {
        assertThat(ids(queue("sla=AT_RISK", "alice"))).containsExactly(b);
        assertThat(ids(queue("sla=BREACHED", "alice"))).containsExactly(c);
        JsonNode breached = queue("sla=BREACHED", "alice").path("items").get(0).path("sla");
        assertThat(breached.path("escalationLevel").asInt()).isEqualTo(1);
        JsonNode resolved =
                queue("status=RESOLVED", "alice").path("items").get(0).path("sla");
        assertThat(resolved.path("state").asText()).isEqualTo("MET");
        assertThat(resolved.path("firstResponseDueAt").isNull()).isTrue();
        assertThat(resolved.path("resolutionDueAt").isNull()).isTrue();
    }

    @Test
    void pagesThroughTheQueue() {
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = queue("size=2&page=" + page, "ana");
            assertThat(answer.path("total").asLong()).isEqualTo(6);
            assertThat(answer.path("size").asInt()).isEqualTo(2);
            assertThat(answer.path("page").asInt()).isEqualTo(page);
            seen.addAll(ids(answer));
        }
        assertThat(seen).containsExactly(b, c, f, a, e, d);
        assertThat(ids(queue("size=2&page=3", "ana"))).isEmpty();
        assertThat(ids(queue("size=200", "ana"))).hasSize(6);
    }

    @Test
    void badParametersAreOneBadRequestNamingEachField() {
        Answer answer = http().get(
                        "/api/tickets?status=OPEN,DONE&priority=HUGE&channel=FAX&sla=LATE&sort=name"
                                + "&page=-1&size=201",
                        "alice");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = StreamSupport.stream(answer.json().path("errors").spliterator(), false)
                .map(error -> error.path("field").asText())
                .toList();
        assertThat(fields).containsExactlyInAnyOrder("status", "priority", "channel", "sla", "sort", "page", "size");
        assertThat(http().get("/api/tickets?size=0", "alice").status()).isEqualTo(400);
        assertThat(http().get("/api/tickets?page=first", "alice").status()).isEqualTo(400);
    }

    @Test
    void everyReadingRoleMayReadAndNoOtherCaller() {
        for (String user : List.of("alice", "sam", "ana", "audrey", "admin")) {
            assertThat(http().get("/api/tickets?tag=" + run, user).status())
                    .as(user)
                    .isEqualTo(200);
        }
        Answer anonymous = http().get("/api/tickets", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

        Answer wrongPassword = http().get(
                        "/api/tickets",
                        null,
                        java.util.Map.of(
                                "Authorization", dev.supportdesk.ticket.query.HttpCalls.basic("alice", "bob")));
        assertThat(wrongPassword.status()).isEqualTo(401);

        // the SLA monitor's service account has role SYSTEM only
        Answer system = http().get("/api/tickets", "sla-monitor");
        assertThat(system.status()).isEqualTo(403);
        assertThat(system.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http().get("/api/tickets/" + a, "sla-monitor").status()).isEqualTo(403);
    }
}
