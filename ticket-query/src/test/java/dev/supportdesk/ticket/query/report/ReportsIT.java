package dev.supportdesk.ticket.query.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.ticket.query.HttpCalls.Answer;
import dev.supportdesk.ticket.query.QueryServiceIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports over a small history whose figures are worked out by hand below, in March 2024 (a window no other
 * suite writes into; Europe's DST change of 31 March lies in it).
 * <pre>
 * A  opened 03-30 10:00 EMAIL HIGH    alice/tier1; first response met in 30 min; resolution met in 120; resolved 12:00
 * B  opened 03-30 11:00 PHONE HIGH    PREMIUM; first response breached, then met in 90 min; never resolved
 * C  opened 03-31 09:00 EMAIL LOW     first response met in 10; resolved 10:00 (met in 60); reopened 12:00;
 *                                     resolution breached; resolved 04-01 08:00 (met in 300)
 * D  opened 03-31 23:30 CHAT  LOW     merged into C 04-01 01:00
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT extends QueryServiceIT {

    private static final String WINDOW = "from=2024-03-30T00:00:00Z&to=2024-04-02T00:00:00Z";

    private final String prefix = "RP" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private final String a = prefix + "a";
    private final String b = prefix + "b";
    private final String c = prefix + "c";
    private final String d = prefix + "d";

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void history() {
        opened(a, Channel.EMAIL, Priority.HIGH, CustomerTier.STANDARD, "2024-03-30T10:00:00Z");
        publish(a, 2, new TicketAssignedEvent(a, "alice", "tier1"), "alice", at("2024-03-30T10:10:00Z"));
        publish(a, 3, met(a, SlaMetric.FIRST_RESPONSE, 30), "alice", at("2024-03-30T10:30:00Z"));
        publish(a, 4, met(a, SlaMetric.RESOLUTION, 120), "alice", at("2024-03-30T12:00:00Z"));
        publish(a, 5, new TicketResolvedEvent(a, "fixed"), "alice", at("2024-03-30T12:00:00Z"));

        opened(b, Channel.PHONE, Priority.HIGH, CustomerTier.PREMIUM, "2024-03-30T11:00:00Z");
        publish(b, 2, breached(b, SlaMetric.FIRST_RESPONSE), "sla-monitor", at("2024-03-30T12:00:00Z"));
        publish(b, 3, met(b, SlaMetric.FIRST_RESPONSE, 90), "bob", at("2024-03-30T12:30:00Z"));

        opened(c, Channel.EMAIL, Priority.LOW, CustomerTier.STANDARD, "2024-03-31T09:00:00Z");
        publish(c, 2, met(c, SlaMetric.FIRST_RESPONSE, 10), "bob", at("2024-03-31T09:10:00Z"));
        publish(c, 3, met(c, SlaMetric.RESOLUTION, 60), "bob", at("2024-03-31T10:00:00Z"));
        publish(c, 4, new TicketResolvedEvent(c, "done"), "bob", at("2024-03-31T10:00:00Z"));
        publish(c, 5, new TicketReopenedEvent(c, "not done"), "bob", at("2024-03-31T12:00:00Z"));
        publish(c, 6, breached(c, SlaMetric.RESOLUTION), "sla-monitor", at("2024-03-31T20:00:00Z"));
        publish(c, 7, met(c, SlaMetric.RESOLUTION, 300), "bob", at("2024-04-01T08:00:00Z"));
        publish(c, 8, new TicketResolvedEvent(c, "done now"), "bob", at("2024-04-01T08:00:00Z"));

        opened(d, Channel.CHAT, Priority.LOW, CustomerTier.STANDARD, "2024-03-31T23:30:00Z");
        publish(d, 2, new TicketMergedEvent(d, c), "bob", at("2024-04-01T01:00:00Z"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> version(c) == 8 && version(d) == 2 && version(a) == 5 && version(b) == 3);
    }

    @Test
    void slaReportGroupsByPriorityWithComplianceAndWorkingMinutePercentiles() {
        JsonNode rows =
                ok("/api/reports/sla?" + WINDOW + "&groupBy=priority").json().path("rows");

        assertThat(rows).hasSize(2);
        JsonNode high = rows.get(0);
        assertThat(high.path("key").asText()).isEqualTo("HIGH");
        assertThat(high.path("tickets").asLong()).isEqualTo(2);
        assertThat(high.path("firstResponseMet").asLong()).isEqualTo(1);
        assertThat(high.path("firstResponseBreached").asLong()).isEqualTo(1);
        assertThat(high.path("resolutionMet").asLong()).isEqualTo(1);
        assertThat(high.path("resolutionBreached").asLong()).isZero();
        // 2 met of 3 finished or breached
        assertThat(high.path("compliancePct").asDouble()).isEqualTo(66.67);
        // 30 and 90 minutes: the median between them, p90 = 30 + 0.9 * 60
        assertThat(high.path("firstResponseMinutesP50").asDouble()).isEqualTo(60.0);
        assertThat(high.path("firstResponseMinutesP90").asDouble()).isEqualTo(84.0);
        assertThat(high.path("resolutionMinutesP50").asDouble()).isEqualTo(120.0);

        JsonNode low = rows.get(1);
        assertThat(low.path("key").asText()).isEqualTo("LOW");
        assertThat(low.path("tickets").asLong()).isEqualTo(2);
        assertThat(low.path("firstResponseMet").asLong()).isEqualTo(1);
        // the breach sticks although the reopened resolution clock stopped later; the last stop's minutes count
        assertThat(low.path("resolutionMet").asLong()).isZero();
        assertThat(low.path("resolutionBreached").asLong()).isEqualTo(1);
        assertThat(low.path("compliancePct").asDouble()).isEqualTo(50.0);
        assertThat(low.path("resolutionMinutesP50").asDouble()).isEqualTo(300.0);
    }

    @Test
    void slaReportGroupsByTierAssigneeAndGroup() {
        JsonNode tiers =
                ok("/api/reports/sla?" + WINDOW + "&groupBy=tier").json().path("rows");
        assertThat(tiers)
                .extracting(
                        r -> r.path("key").asText() + "=" + r.path("tickets").asLong())
                .containsExactly("PREMIUM=1", "STANDARD=3");

        JsonNode assignees =
                ok("/api/reports/sla?" + WINDOW + "&groupBy=assignee").json().path("rows");
        assertThat(assignees)
                .extracting(r -> r.path("key").isNull()
                        ? "none=" + r.path("tickets").asLong()
                        : r.path("key").asText() + "=" + r.path("tickets").asLong())
                .containsExactly("alice=1", "none=3");

        JsonNode none = ok("/api/reports/sla?from=2024-04-01T00:00:00Z&to=2024-04-02T00:00:00Z")
                .json()
                .path("rows");
        assertThat(none).as("no ticket opened that day").isEmpty();
    }

    @Test
    void volumeCountsOpenedAndResolvedPerDay() {
        JsonNode rows =
                ok("/api/reports/volume?" + WINDOW + "&interval=day").json().path("rows");

        assertThat(rows)
                .extracting(r -> r.path("start").asText() + " "
                        + r.path("opened").asLong() + " " + r.path("resolved").asLong())
                .containsExactly("2024-03-30T00:00:00Z 2 1", "2024-03-31T00:00:00Z 2 1", "2024-04-01T00:00:00Z 0 1");
    }

    @Test
    void volumeByChannelListsEveryChannelInEveryBucket() {
        JsonNode rows =
                ok("/api/reports/volume?" + WINDOW + "&groupBy=channel").json().path("rows");

        assertThat(rows).hasSize(3 * Channel.values().length);
        assertThat(rows)
                .filteredOn(
                        r -> r.path("opened").asLong() > 0 || r.path("resolved").asLong() > 0)
                .extracting(r -> r.path("start").asText().substring(0, 10) + " "
                        + r.path("key").asText() + " " + r.path("opened").asLong() + "/"
                        + r.path("resolved").asLong())
                .containsExactly(
                        "2024-03-30 PHONE 1/0",
                        "2024-03-30 EMAIL 1/1",
                        "2024-03-31 EMAIL 1/1",
                        "2024-03-31 CHAT 1/0",
                        "2024-04-01 EMAIL 0/1");
    }

    @Test
    void backlogCountsWhatIsNotResolvedAtEachDaysEnd() {
        JsonNode rows =
                ok("/api/reports/backlog?" + WINDOW + "&interval=day").json().path("rows");

        assertThat(rows)
                .extracting(
                        r -> r.path("end").asText() + " " + r.path("backlog").asLong())
                .containsExactly("2024-03-31T00:00:00Z 1", "2024-04-01T00:00:00Z 3", "2024-04-02T00:00:00Z 1");
    }

    @Test
    void localDaysFollowTheZoneAcrossTheDstChange() {
        JsonNode rows =
                ok("/api/reports/volume?" + WINDOW + "&tz=Europe/Zurich").json().path("rows");

        assertThat(rows)
                .extracting(
                        r -> r.path("start").asText() + " " + r.path("opened").asLong())
                .containsExactly(
                        "2024-03-29T23:00:00Z 2",
                        // 31 March has 23 hours in Zurich; D (23:30 UTC) opened on 1 April local time
                        "2024-03-30T23:00:00Z 1",
                        "2024-03-31T22:00:00Z 1",
                        "2024-04-01T22:00:00Z 0");
        assertThat(Duration.between(
                        Instant.parse(rows.get(1).path("start").asText()),
                        Instant.parse(rows.get(1).path("end").asText())))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void hourlyBucketsCountPerHour() {
        JsonNode rows = ok("/api/reports/backlog?from=2024-03-30T09:30:00Z&to=2024-03-30T13:00:00Z&interval=hour")
                .json()
                .path("rows");

        assertThat(rows)
                .extracting(r -> r.path("start").asText().substring(11, 16) + " "
                        + r.path("backlog").asLong())
                .containsExactly("09:00 0", "10:00 1", "11:00 2", "12:00 1");
    }

    @Test
    void csvHasAHeaderAndTheJsonRowsColumns() {
        Answer volume = http().get("/api/reports/volume?" + WINDOW, "ana", Map.of("Accept", "text/csv"));
        assertThat(volume.status()).isEqualTo(200);
        assertThat(volume.header("Content-Type")).startsWith("text/csv");
        assertThat(volume.body())
                .isEqualTo("start,end,key,opened,resolved\r\n"
                        + "2024-03-30T00:00:00Z,2024-03-31T00:00:00Z,,2,1\r\n"
                        + "2024-03-31T00:00:00Z,2024-04-01T00:00:00Z,,2,1\r\n"
                        + "2024-04-01T00:00:00Z,2024-04-02T00:00:00Z,,0,1\r\n");

        Answer sla = http().get("/api/reports/sla?" + WINDOW, "admin", Map.of("Accept", "text/csv"));
        List<String> lines = sla.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("key,tickets,firstResponseMet,firstResponseBreached,resolutionMet,resolutionBreached,"
                        + "compliancePct,firstResponseMinutesP50,firstResponseMinutesP90,resolutionMinutesP50,"
                        + "resolutionMinutesP90");
        assertThat(lines.get(1)).isEqualTo("HIGH,2,1,1,1,0,66.67,60.0,84.0,120.0,120.0");
    }

    @Test
    void csvFieldsAreQuotedAsRfc4180Says() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void onlyAnalystsAndAdminsReadReports() {
        assertThat(http().get("/api/reports/sla?" + WINDOW, "alice").status()).isEqualTo(403);
        assertThat(http().get("/api/reports/backlog?" + WINDOW, "sam").status()).isEqualTo(403);
        assertThat(http().get("/api/reports/volume?" + WINDOW, "audrey").status())
                .isEqualTo(403);
        assertThat(http().get("/api/reports/volume?" + WINDOW, null).status()).isEqualTo(401);
        assertThat(http().get("/api/reports/volume?" + WINDOW, "admin").status())
                .isEqualTo(200);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        assertBad("/api/reports/sla?from=yesterday", "from");
        assertBad("/api/reports/sla?to=2024-04-02", "to");
        assertBad("/api/reports/sla?from=2024-04-02T00:00:00Z&to=2024-04-01T00:00:00Z", "from");
        assertBad("/api/reports/sla?groupBy=customer", "groupBy");
        assertBad("/api/reports/sla?groupBy=PRIORITY", "groupBy");
        assertBad("/api/reports/volume?interval=week", "interval");
        assertBad("/api/reports/volume?groupBy=tier", "groupBy");
        assertBad("/api/reports/backlog?tz=Mars/Olympus", "tz");
        assertBad("/api/reports/backlog?tz=%2B01:00", "tz");
        assertBad("/api/reports/backlog?interval=hour&from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z", "interval");
        assertBad("/api/reports/volume?from=2000-01-01T00:00:00Z&to=2024-03-01T00:00:00Z", "to");
    }

    @Test
    void anAcceptThatNamesNeitherJsonNorCsvIsNotAcceptable() {
        Answer answer = http().get("/api/reports/sla?" + WINDOW, "ana", Map.of("Accept", "application/xml"));
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");

        Answer csvProblem = http().get("/api/reports/sla?groupBy=x", "ana", Map.of("Accept", "text/csv"));
        assertThat(csvProblem.status()).isEqualTo(400);
    }

    private void assertBad(String path, String parameter) {
        Answer answer = http().get(path, "ana");
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(answer.json().path("errors"))
                .as(path)
                .extracting(e -> e.path("field").asText())
                .contains(parameter);
    }

    private Answer ok(String path) {
        Answer answer = http().get(path, "ana");
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

    private static void opened(String id, Channel channel, Priority priority, CustomerTier tier, String at) {
        publish(
                id,
                1,
                new TicketOpenedEvent(
                        id,
                        "Report " + id,
                        null,
                        channel,
                        priority,
                        new Requester("Carla", null, null),
                        tier,
                        List.of()),
                "alice",
                at(at));
    }

    private static SlaClockMetEvent met(String id, SlaMetric metric, long minutes) {
        return new SlaClockMetEvent(id, metric, Duration.ofMinutes(minutes));
    }

    private static SlaClockBreachedEvent breached(String id, SlaMetric metric) {
        return new SlaClockBreachedEvent(id, metric, Instant.parse("2024-03-30T00:00:00Z"));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
