package dev.supportdesk.ticket.query.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.ticket.query.HttpCalls;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The what-if over a small history whose contracted SLA facts are worked out by hand under the policies
 * {@link #CONTRACTED} (HIGH: first response 1 h, resolution 8 h; every other ticket: 4 h and 24 h; 24x7), on
 * Monday 2023-05-08 and the day after (a window no other suite writes into):
 * <pre>
 * A  HIGH   EMAIL 09:00  alice/tier1; replied 09:30 (met in 30); resolved 12:00 (met in 180)
 * B  HIGH   PHONE 10:00  PREMIUM; first response breached 11:00, replied 11:30 (90); pending 12:00 with 6 h left;
 *                        the customer writes 05-09 09:00 (resumed, due 15:00); resolved 10:00 (met in 180)
 * C  LOW    EMAIL 13:00  replied 14:00 (60); resolved 15:00 (120); reopened 16:00; resolution breached 05-09 16:00;
 *                        resolved 05-09 18:00 (met in 1560)
 * D  NORMAL CHAT  20:00  merged into C 21:00: no outcome
 * E  NORMAL WEB   08:00  raised to HIGH 08:30 (30 min used of the new hour); replied 08:50 (50); resolution due
 *                        16:00 (8 h less the 30 min), breached then, never resolved
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfIT extends QueryServiceIT {

    private static final String FROM = "2023-05-08T00:00:00Z";
    private static final String TO = "2023-05-11T00:00:00Z";
    private static final String WINDOW = "from=" + FROM + "&to=" + TO;

    /** The policies the history above was recorded under. */
    private static final String CONTRACTED = """
            [{"name":"high","match":{"priority":"HIGH"},"targets":{"firstResponse":"PT1H","resolution":"PT8H"}},
             {"name":"rest","targets":{"firstResponse":"PT4H","resolution":"PT24H"}}]""";

    /**
     * HIGH must be answered in 20 minutes (A's and E's replies come too late), every other ticket resolved in 30 h
     * (C's reopened resolution then meets its target).
     */
    private static final String OTHER = """
            [{"name":"high","match":{"priority":"HIGH"},"targets":{"firstResponse":"PT20M","resolution":"PT8H"}},
             {"name":"rest","targets":{"firstResponse":"PT4H","resolution":"PT30H"}}]""";

    private final String prefix = "WI" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private final String a = prefix + "a";
    private final String b = prefix + "b";
    private final String c = prefix + "c";
    private final String d = prefix + "d";
    private final String e = prefix + "e";

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void history() {
        History ha = new History(a, Channel.EMAIL, Priority.HIGH, CustomerTier.STANDARD, "2023-05-08T09:00:00Z");
        ha.then(new TicketAssignedEvent(a, "alice", "tier1"), "2023-05-08T09:05:00Z");
        ha.then(new PublicReplyPostedEvent(a, "on it"), "2023-05-08T09:30:00Z");
        ha.then(met(a, SlaMetric.FIRST_RESPONSE, 30), "2023-05-08T09:30:00Z");
        ha.then(new TicketResolvedEvent(a, "fixed"), "2023-05-08T12:00:00Z");
        ha.then(met(a, SlaMetric.RESOLUTION, 180), "2023-05-08T12:00:00Z");

        History hb = new History(b, Channel.PHONE, Priority.HIGH, CustomerTier.PREMIUM, "2023-05-08T10:00:00Z");
        hb.then(breached(b, SlaMetric.FIRST_RESPONSE, "2023-05-08T11:00:00Z"), "2023-05-08T11:00:00Z");
        hb.then(new PublicReplyPostedEvent(b, "sorry"), "2023-05-08T11:30:00Z");
        hb.then(met(b, SlaMetric.FIRST_RESPONSE, 90), "2023-05-08T11:30:00Z");
        hb.then(new TicketMarkedPendingEvent(b, "waiting for logs"), "2023-05-08T12:00:00Z");
        hb.then(new CustomerMessageReceivedEvent(b, "logs attached"), "2023-05-09T09:00:00Z");
        hb.then(new TicketResumedEvent(b, "customer replied"), "2023-05-09T09:00:00Z");
        hb.then(new TicketResolvedEvent(b, "done"), "2023-05-09T10:00:00Z");
        hb.then(met(b, SlaMetric.RESOLUTION, 180), "2023-05-09T10:00:00Z");

        History hc = new History(c, Channel.EMAIL, Priority.LOW, CustomerTier.STANDARD, "2023-05-08T13:00:00Z");
        hc.then(new PublicReplyPostedEvent(c, "looking"), "2023-05-08T14:00:00Z");
        hc.then(met(c, SlaMetric.FIRST_RESPONSE, 60), "2023-05-08T14:00:00Z");
        hc.then(new TicketResolvedEvent(c, "done"), "2023-05-08T15:00:00Z");
        hc.then(met(c, SlaMetric.RESOLUTION, 120), "2023-05-08T15:00:00Z");
        hc.then(new TicketReopenedEvent(c, "not done"), "2023-05-08T16:00:00Z");
        hc.then(breached(c, SlaMetric.RESOLUTION, "2023-05-09T16:00:00Z"), "2023-05-09T16:00:00Z");
        hc.then(new TicketResolvedEvent(c, "done now"), "2023-05-09T18:00:00Z");
        hc.then(met(c, SlaMetric.RESOLUTION, 1560), "2023-05-09T18:00:00Z");

        History hd = new History(d, Channel.CHAT, Priority.NORMAL, CustomerTier.STANDARD, "2023-05-08T20:00:00Z");
        hd.then(new TicketMergedEvent(d, c), "2023-05-08T21:00:00Z");

        History he = new History(e, Channel.WEB, Priority.NORMAL, CustomerTier.STANDARD, "2023-05-08T08:00:00Z");
        he.then(
                new TicketPriorityChangedEvent(e, Priority.HIGH, Priority.NORMAL, "customer is down"),
                "2023-05-08T08:30:00Z");
        he.then(new PublicReplyPostedEvent(e, "calling you"), "2023-05-08T08:50:00Z");
        he.then(met(e, SlaMetric.FIRST_RESPONSE, 50), "2023-05-08T08:50:00Z");
        he.then(breached(e, SlaMetric.RESOLUTION, "2023-05-08T16:00:00Z"), "2023-05-08T16:00:00Z");

        List<History> all = List.of(ha, hb, hc, hd, he);
        await().atMost(Duration.ofSeconds(60)).until(() -> all.stream().allMatch(h -> version(h.id) == h.version));
    }

    @Test
    void underTheContractedPoliciesTheWhatIfIsTheSlaReport() {
        for (String groupBy : WhatIfQuestion.GROUPS) {
            JsonNode report = ok(get("/api/reports/sla?" + WINDOW + "&groupBy=" + groupBy))
                    .json()
                    .path("rows");
            JsonNode whatIf = ok(whatIf(CONTRACTED, groupBy, "ana")).json();

            assertThat(whatIf.path("changedTickets").asLong()).as(groupBy).isZero();
            assertThat(whatIf.path("tickets").asLong()).as(groupBy).isEqualTo(5);
            assertThat(whatIf.path("rows")).as(groupBy).hasSameSizeAs(report);
            for (int i = 0; i < report.size(); i++) {
                JsonNode expected = withoutKey(report.get(i));
                JsonNode row = whatIf.path("rows").get(i);
                assertThat(row.path("key")).as(groupBy).isEqualTo(report.get(i).path("key"));
                assertThat(row.path("contracted")).as(groupBy + " contracted").isEqualTo(expected);
                assertThat(row.path("whatIf")).as(groupBy + " what-if").isEqualTo(expected);
                assertThat(row.path("changedTickets").asLong()).isZero();
                assertThat(row.path("changed")).isEmpty();
            }
        }
    }

    @Test
    void theContractedFiguresAreTheOnesWorkedOutByHand() {
        JsonNode high =
                ok(whatIf(CONTRACTED, "priority", "admin")).json().path("rows").get(0);

        assertThat(high.path("key").asText()).isEqualTo("HIGH");
        assertThat(high.path("whatIf").path("tickets").asLong()).isEqualTo(3);
        assertThat(high.path("whatIf").path("firstResponseMet").asLong()).isEqualTo(2);
        assertThat(high.path("whatIf").path("firstResponseBreached").asLong()).isEqualTo(1);
        assertThat(high.path("whatIf").path("resolutionMet").asLong()).isEqualTo(2);
        assertThat(high.path("whatIf").path("resolutionBreached").asLong()).isEqualTo(1);
        assertThat(high.path("whatIf").path("compliancePct").asDouble()).isEqualTo(66.67);
        // 30, 50 and 90 minutes: p90 at position 1.8, 50 + 0.8 * 40
        assertThat(high.path("whatIf").path("firstResponseMinutesP50").asDouble())
                .isEqualTo(50.0);
        assertThat(high.path("whatIf").path("firstResponseMinutesP90").asDouble())
                .isEqualTo(82.0);
        assertThat(high.path("whatIf").path("resolutionMinutesP50").asDouble()).isEqualTo(180.0);
    }

    @Test
    void otherPoliciesTurnMetTicketsIntoBreachesAndBackAndNameThem() {
        JsonNode answer = ok(whatIf(OTHER, "priority", "ana")).json();

        assertThat(answer.path("tickets").asLong()).isEqualTo(5);
        assertThat(answer.path("changedTickets").asLong()).isEqualTo(3);
        assertThat(answer.path("policies")).extracting(JsonNode::asText).containsExactly("high", "rest");
        JsonNode rows = answer.path("rows");
        assertThat(rows).extracting(r -> r.path("key").asText()).containsExactly("HIGH", "LOW", "NORMAL");

        JsonNode high = rows.get(0);
        assertThat(high.path("contracted").path("compliancePct").asDouble()).isEqualTo(66.67);
        // A and E answered after 30 and 50 minutes; B breached already
        assertThat(high.path("whatIf").path("firstResponseMet").asLong()).isZero();
        assertThat(high.path("whatIf").path("firstResponseBreached").asLong()).isEqualTo(3);
        assertThat(high.path("whatIf").path("compliancePct").asDouble()).isEqualTo(33.33);
        assertThat(high.path("changedTickets").asLong()).isEqualTo(2);
        assertThat(changes(high))
                .containsExactlyInAnyOrder(
                        a + " high FR MET>BREACHED RES MET>MET", e + " rest FR MET>BREACHED RES BREACHED>BREACHED");

        JsonNode low = rows.get(1);
        // C's reopened resolution (due 05-09 22:00 now) is met at 18:00
        assertThat(low.path("contracted").path("resolutionBreached").asLong()).isEqualTo(1);
        assertThat(low.path("whatIf").path("resolutionMet").asLong()).isEqualTo(1);
        assertThat(low.path("whatIf").path("resolutionBreached").asLong()).isZero();
        assertThat(low.path("whatIf").path("compliancePct").asDouble()).isEqualTo(100.0);
        assertThat(changes(low)).containsExactly(c + " rest FR MET>MET RES BREACHED>MET");

        JsonNode normal = rows.get(2);
        assertThat(normal.path("changedTickets").asLong()).isZero();
        assertThat(normal.path("whatIf").path("compliancePct").isNull()).isTrue();
    }

    @Test
    void aBusinessCalendarGivenInTheBodyCountsOnlyItsHours() {
        // Open 11:00-12:00 on Mondays only: A's 30 minutes from 09:00 to 09:30 are no working time at all.
        String policies = """
                [{"name":"office","calendar":"short-monday",
                  "targets":{"firstResponse":"PT30M","resolution":"PT2H"}}]""";
        String calendars = """
                [{"name":"short-monday","timeZone":"UTC","workingHours":{"MONDAY":["11:00-12:00"]}}]""";

        JsonNode answer = ok(post(
                        "/api/reports/sla/what-if",
                        "ana",
                        "{\"policies\":" + policies + ",\"calendars\":" + calendars + ",\"from\":\"" + FROM
                                + "\",\"to\":\"" + TO + "\",\"groupBy\":\"assignee\"}",
                        Map.of()))
                .json();

        JsonNode alice = answer.path("rows").get(0);
        assertThat(alice.path("key").asText()).isEqualTo("alice");
        assertThat(alice.path("whatIf").path("firstResponseMet").asLong()).isEqualTo(1);
        assertThat(alice.path("whatIf").path("firstResponseMinutesP50").asDouble())
                .isEqualTo(0.0);
        // 11:00-12:00 used the resolution's first hour; it stopped at 12:00 after 60 working minutes
        assertThat(alice.path("whatIf").path("resolutionMinutesP50").asDouble()).isEqualTo(60.0);
    }

    @Test
    void csvHasOneLinePerGroupWithBothSidesFlattened() {
        Answer csv = post("/api/reports/sla/what-if", "ana", body(OTHER, "priority"), Map.of("Accept", "text/csv"));

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .startsWith("key,tickets,contractedFirstResponseMet,contractedFirstResponseBreached,")
                .contains(",whatIfFirstResponseMet,")
                .endsWith(",changedTickets");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("HIGH,3,2,1,2,1,66.67,").endsWith(",2");
        assertThat(lines[3]).startsWith("NORMAL,1,0,0,0,0,,");
    }

    @Test
    void nothingStoredChanges() {
        Map<String, String> before = dump();

        ok(whatIf(OTHER, "priority", "ana"));
        ok(whatIf(CONTRACTED, "group", "admin"));
        post("/api/reports/sla/what-if", "ana", "{\"policies\":[]}", Map.of());

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void analystsAndAdminsMayAskOthersMayNot() {
        assertThat(whatIf(CONTRACTED, "priority", "alice").status()).isEqualTo(403);
        assertThat(whatIf(CONTRACTED, "priority", "sam").status()).isEqualTo(403);
        assertThat(whatIf(CONTRACTED, "priority", "audrey").status()).isEqualTo(403);
        assertThat(whatIf(CONTRACTED, "priority", null).status()).isEqualTo(401);
    }

    @Test
    void badQuestionsAreRefusedNamingTheField() {
        String policy = "{\"name\":\"p\",\"targets\":{\"firstResponse\":\"PT1H\",\"resolution\":\"PT8H\"}}";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"policies\":[]}", "policies");
        cases.put("{}", "policies");
        cases.put("{\"policies\":[" + policy + "],\"groupBy\":\"Priority\"}", "groupBy");
        cases.put("{\"policies\":[" + policy + "],\"polices\":[]}", "polices");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"targets\":{\"firstResponse\":\"PT1H\",\"resolution\":\"PT8H\","
                        + "\"firstRespons\":\"PT1H\"}}]}",
                "policies[0].targets.firstRespons");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"targets\":{\"firstResponse\":\"an hour\",\"resolution\":\"PT8H\"}}]}",
                "policies[0].targets.firstResponse");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"targets\":{\"firstResponse\":3600,\"resolution\":\"PT8H\"}}]}",
                "policies[0].targets.firstResponse");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"targets\":{\"firstResponse\":\"-PT1H\",\"resolution\":\"PT8H\"}}]}",
                "policies[0].targets.firstResponse");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"calendar\":\"office\",\"targets\":{\"firstResponse\":\"PT1H\","
                        + "\"resolution\":\"PT8H\"}}]}",
                "policies[0].calendar");
        cases.put(
                "{\"policies\":[{\"name\":\"p\",\"match\":{\"priority\":\"high\"},\"targets\":{\"firstResponse\":"
                        + "\"PT1H\",\"resolution\":\"PT8H\"}}]}",
                "policies[0].match.priority");
        cases.put(
                "{\"policies\":[" + policy + "],\"calendars\":[{\"name\":\"c\",\"timeZone\":\"UTC\","
                        + "\"workingHours\":{\"MONDAY\":[\"18:00-09:00\"]}}]}",
                "calendars[0].workingHours.MONDAY[0]");
        cases.put(
                "{\"policies\":[" + policy + "],\"from\":\"2023-05-10T00:00:00Z\",\"to\":\"2023-05-09T00:00:00Z\"}",
                "from");
        cases.put("{\"policies\":[" + policy + "],\"from\":\"2023-05-10\"}", "from");
        cases.put(
                "{\"policies\":[" + policy + "],\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2023-05-09T00:00:00Z\"}",
                "to");
        cases.put("{\"policies\":[" + policy + "],\"to\":20230509}", "to");
        List<String> wrong = new ArrayList<>();
        cases.forEach((json, field) -> {
            Answer answer = post("/api/reports/sla/what-if", "ana", json, Map.of());
            boolean named = answer.status() == 400
                    && answer.header("Content-Type").startsWith("application/problem+json")
                    && fields(answer).contains(field);
            if (!named) {
                wrong.add(json + " -> " + answer.status() + " " + answer.body());
            }
        });
        assertThat(wrong).isEmpty();

        assertThat(post("/api/reports/sla/what-if", "ana", "{\"policies\":[" + policy + "]} x", Map.of())
                        .status())
                .isEqualTo(400);
        assertThat(post("/api/reports/sla/what-if", "ana", "[]", Map.of()).status())
                .isEqualTo(400);
        assertThat(post("/api/reports/sla/what-if", "ana", body(CONTRACTED, "priority"), Map.of("Accept", "text/html"))
                        .status())
                .isEqualTo(406);
        assertThat(post(
                                "/api/reports/sla/what-if",
                                "ana",
                                body(CONTRACTED, "priority"),
                                Map.of("Content-Type", "text/plain"))
                        .status())
                .isEqualTo(415);
    }

    @Test
    void aWindowWithMoreTicketsThanTheLimitIsRefusedNamingTo() {
        // rows of the report projection written directly, in a year no history reaches; removed afterwards
        String ids = "WL" + UUID.randomUUID().toString().substring(0, 6) + "-";
        jdbc.update(
                "INSERT INTO report_ticket (ticket_id, version, opened_at, channel, priority)"
                        + " SELECT ? || n, 1, TIMESTAMPTZ '2019-03-01 00:00:00Z' + n * INTERVAL '1 second', 'EMAIL',"
                        + " 'LOW' FROM generate_series(1, 100001) AS n",
                ids);
        try {
            Answer answer = post(
                    "/api/reports/sla/what-if",
                    "ana",
                    "{\"policies\":" + CONTRACTED
                            + ",\"from\":\"2019-03-01T00:00:00Z\",\"to\":\"2019-03-03T00:00:00Z\"}",
                    Map.of());

            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("to");
            assertThat(answer.json().path("detail").asText()).contains("100001");
        } finally {
            jdbc.update("DELETE FROM report_ticket WHERE ticket_id LIKE ?", ids + "%");
        }
    }

    // ---- helpers

    private List<String> changes(JsonNode row) {
        List<String> changes = new ArrayList<>();
        row.path("changed")
                .forEach(t -> changes.add(t.path("ticketId").asText() + " "
                        + t.path("policy").asText()
                        + " FR " + t.path("firstResponse").path("contracted").asText() + ">"
                        + t.path("firstResponse").path("whatIf").asText()
                        + " RES " + t.path("resolution").path("contracted").asText() + ">"
                        + t.path("resolution").path("whatIf").asText()));
        return changes;
    }

    private static JsonNode withoutKey(JsonNode row) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = row.deepCopy();
        copy.remove("key");
        return copy;
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** Per table of this service's schema: row count and an MD5 over the rows as text, sorted. */
    private Map<String, String> dump() {
        Map<String, String> dumps = new LinkedHashMap<>();
        for (String table : List.of(
                "report_ticket",
                "report_open_span",
                "report_sla_step",
                "ticket",
                "consumer_offset",
                "consumer_stream",
                "consumer_parked")) {
            dumps.put(
                    table,
                    jdbc.queryForObject(
                            "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                                    + " FROM " + table + " t",
                            String.class));
        }
        return dumps;
    }

    private Answer whatIf(String policies, String groupBy, String user) {
        return post("/api/reports/sla/what-if", user, body(policies, groupBy), Map.of());
    }

    private static String body(String policies, String groupBy) {
        return "{\"policies\":" + policies + ",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\",\"groupBy\":\"" + groupBy
                + "\"}";
    }

    private Answer get(String path) {
        return http().get(path, "ana");
    }

    private Answer post(String path, String user, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http().uri(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", HttpCalls.basic(user, user));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    HttpCalls.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private long version(String id) {
        return jdbc
                .query("SELECT version FROM report_ticket WHERE ticket_id = ?", (rs, row) -> rs.getLong(1), id)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    private static SlaClockMetEvent met(String id, SlaMetric metric, long minutes) {
        return new SlaClockMetEvent(id, metric, Duration.ofMinutes(minutes));
    }

    private static SlaClockBreachedEvent breached(String id, SlaMetric metric, String dueAt) {
        return new SlaClockBreachedEvent(id, metric, Instant.parse(dueAt));
    }

    /** A ticket's events published one version after the other. */
    private static final class History {
        private final String id;
        private long version;

        History(String id, Channel channel, Priority priority, CustomerTier tier, String at) {
            this.id = id;
            then(
                    new TicketOpenedEvent(
                            id,
                            "What-if " + id,
                            null,
                            channel,
                            priority,
                            new Requester("Carla", null, null),
                            tier,
                            List.of()),
                    at);
        }

        void then(Object event, String at) {
            version++;
            publish(id, version, event, "alice", Instant.parse(at));
        }
    }
}
