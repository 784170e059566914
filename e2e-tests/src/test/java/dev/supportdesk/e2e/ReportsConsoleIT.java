package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's reports page (ANALYST, ADMIN) and its read-model rebuilds, in headless Chromium against the running
 * platform: every table equals the API's JSON for the query the page sent, a downloaded CSV equals the API's CSV,
 * and a rebuild is followed to its switch-over. Screenshots go to target/screenshots.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsConsoleIT {

    private static final List<String> REPORTS = List.of("sla-priority", "sla-tier", "volume", "backlog");
    private static final List<String> SLA_NUMBERS = List.of(
            "tickets",
            "firstResponseMet",
            "firstResponseBreached",
            "resolutionMet",
            "resolutionBreached",
            "compliancePct",
            "firstResponseMinutesP50",
            "firstResponseMinutesP90",
            "resolutionMinutesP50",
            "resolutionMinutesP90");

    private final SupportDesk desk;
    private final SignedInBrowsers browsers;
    private final String word = Tickets.uniqueWord("reports");

    ReportsConsoleIT(SupportDesk desk) {
        this.desk = desk;
        this.browsers = new SignedInBrowsers(desk.edgeUrl());
    }

    private Browser analyst() {
        return browsers.of("ana");
    }

    private Browser admin() {
        return browsers.of("admin");
    }

    private Browser agent() {
        return browsers.of("alice");
    }

    @AfterAll
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    @Order(1)
    void anAnalystSeesTheThreeReportsWithTheApisNumbersUnderEachChart() {
        ApiClient alice = desk.as("alice");
        ApiClient ana = desk.as("ana");
        long openedBefore = total(ana.get("/api/reports/volume").expect(200).json(), "opened");
        long resolvedBefore = total(ana.get("/api/reports/volume").expect(200).json(), "resolved");
        Map<String, Object> premium = openRequest("Premium " + word, "EMAIL", "URGENT");
        premium.put("customerTier", "PREMIUM");
        open(alice, premium);
        open(alice, openRequest("Phone " + word, "PHONE", "HIGH"));
        String chat = open(alice, openRequest("Chat " + word, "CHAT", "LOW"))
                .json()
                .path("id")
                .asText();
        command(alice, chat, "assign", Map.of("assignee", "alice"));
        command(alice, chat, "resolve", Map.of("resolution", "answered in the chat"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode volume = ana.get("/api/reports/volume").expect(200).json();
            assertThat(total(volume, "opened")).isGreaterThanOrEqualTo(openedBefore + 3);
            assertThat(total(volume, "resolved")).isGreaterThanOrEqualTo(resolvedBefore + 1);
        });

        Browser b = analyst();
        b.find(By.id("nav-reports")).click();
        b.find(By.xpath("//h1[normalize-space(.)='Reports']"));
        assertThat(b.field("From").getAttribute("value"))
                .as("the default range starts 30 days back")
                .isNotBlank();
        // The SLA monitor may record a breach of some other ticket meanwhile: then the page is asked again.
        Browser.eventually(() -> {
            try {
                for (String report : REPORTS) {
                    assertTableEqualsApi(b, report);
                }
            } catch (AssertionError e) {
                b.button("Show reports").click();
                throw e;
            }
        });
        for (String report : REPORTS) {
            WebElement chart = b.find(By.cssSelector(section(report) + " .chart[role='img']"));
            assertThat(chart.getAttribute("aria-label")).as(report).contains("The table below lists the same numbers");
            assertThat(chart.findElements(By.tagName("canvas")))
                    .as("%s is drawn by the chart library", report)
                    .isNotEmpty();
        }
        JsonNode volume =
                ana.get("/api/reports/volume?" + query(b, "volume")).expect(200).json();
        assertThat(b.find(By.cssSelector(section("volume") + " .chart")).getAttribute("aria-label"))
                .contains(total(volume, "opened") + " opened and " + total(volume, "resolved") + " resolved");
        assertThat(b.textOf(By.cssSelector(section("sla-tier") + " tbody"))).contains("Premium");
        b.screenshot("reports-01-charts");
        b.script("arguments[0].scrollIntoView({block: 'start'});", b.find(By.cssSelector(section("volume"))));
        b.screenshot("reports-02-volume-and-backlog");
    }

    @Test
    @Order(2)
    void aDownloadedCsvIsTheApisCsvForTheSameRange() throws Exception {
        Browser b = analyst();
        b.go("#/reports");
        Path downloads = b.downloads();
        for (String[] report : new String[][] {
            {"volume", "volume", "Download CSV: Volume by channel"},
            {"sla-priority", "sla", "Download CSV: SLA compliance by priority"}
        }) {
            b.find(By.cssSelector(section(report[0]) + "[data-state='ready']"));
            Browser.eventually(() -> {
                clear(downloads);
                b.button(report[2]).click();
                Path file = await().atMost(Browser.PATIENCE)
                        .until(() -> savedCsv(downloads), Optional::isPresent)
                        .orElseThrow();
                assertThat(file.getFileName().toString())
                        .startsWith(report[0] + "_")
                        .endsWith(".csv");
                String saved = Files.readString(file, StandardCharsets.UTF_8);
                ApiResponse api =
                        desk.as("ana").get("/api/reports/" + report[1] + "?" + query(b, report[0]), "text/csv");
                assertThat(api.expect(200).contentType()).startsWith("text/csv");
                assertThat(saved).as(report[0]).isEqualTo(api.body());
                assertThat(saved)
                        .contains("\r\n")
                        .startsWith(report[1].equals("sla") ? "key,tickets," : "start,end,key,");
            });
        }
    }

    @Test
    @Order(3)
    void anEmptyRangeSaysThereIsNoDataInsteadOfEmptyCharts() {
        Browser b = analyst();
        b.go("#/reports?from=2001-01-01&to=2001-01-07&interval=day&volumeBy=channel&tz=UTC");
        for (String report : REPORTS) {
            b.find(By.cssSelector(section(report) + "[data-state='empty']"));
        }
        assertThat(b.has(By.cssSelector(".report .chart"))).isFalse();
        assertThat(b.text())
                .contains("No tickets were opened in this range")
                .contains("No ticket was opened or resolved in this range")
                .contains("No ticket was waiting for a resolution at any point in this range");
        assertThat(b.has(By.cssSelector(section("sla-priority") + " table"))).isFalse();
    }

    @Test
    @Order(4)
    void aRangeTheApiRefusesIsShownAtItsField() {
        Browser b = analyst();
        b.go("#/reports?from=2026-01-01&to=2026-03-31&interval=hour&volumeBy=channel&tz=UTC");
        By intervalError = By.cssSelector("[data-field='interval'] > .field-error");
        Browser.eventually(() -> assertThat(b.textOf(intervalError)).contains("31 days"));
        assertThat(b.field("Per").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    @Order(5)
    void theReportsPageHasNoSeriousAccessibilityViolationAndFitsAPhone() {
        Browser b = analyst();
        b.go("#/reports");
        for (String report : REPORTS) {
            b.find(By.cssSelector(section(report) + "[data-state='ready']"));
        }
        assertThat(serious(b.accessibilityViolations())).as("reports").isEmpty();
        b.viewport(390, 844);
        try {
            b.go("#/reports?volumeBy=priority");
            b.find(By.cssSelector(section("backlog") + "[data-state='ready']"));
            b.find(By.cssSelector(section("volume") + "[data-state='ready'] .chart canvas"));
            assertThat(b.sidewaysOverflow()).as("reports at 390 px").isLessThanOrEqualTo(0);
            b.screenshot("reports-03-phone");
        } finally {
            b.viewport(0, 0);
        }
    }

    @Test
    @Order(6)
    void anAdminRebuildsTheReportsReadModelAndFollowsItToTheSwitchOver() {
        ApiClient api = desk.as("admin");
        await().atMost(Duration.ofMinutes(3)).until(() -> noReplayRuns(api));
        Browser b = admin();
        b.find(By.id("nav-reports")).click();
        b.find(By.linkText("Read models and rebuilds")).click();
        By card = By.cssSelector("section[data-projection='ticket-reports']");
        b.find(card);
        assertThat(b.textOf(By.cssSelector("section[data-projection='ticket-projection']")))
                .contains("Position");
        assertThat(serious(b.accessibilityViolations())).as("read models").isEmpty();
        // What the card shows over time, as a person watching it would have seen it.
        b.script("window.seenReplay = [];"
                + "const card = document.querySelector(\"section[data-projection='ticket-reports']\").parentElement;"
                + "new MutationObserver(() => { const c = document.querySelector(\"section[data-projection='ticket-reports']\");"
                + " if (c) window.seenReplay.push(c.innerText); }).observe(card, {childList: true, subtree: true});");

        String earlier = replayOf(api, "ticket-reports").path("id").asText("");
        b.button("Rebuild ticket-reports").click();
        assertThat(b.find(By.cssSelector("dialog[open]")).getText())
                .contains("Rebuild ticket-reports?")
                .contains("keeps serving");
        b.button("Rebuild").click();

        By done = By.cssSelector("section[data-projection='ticket-reports'] [data-replay-state='DONE']");
        JsonNode replay = await().atMost(Duration.ofMinutes(3))
                .until(
                        () -> replayOf(api, "ticket-reports"),
                        r -> !r.path("id").asText("").equals(earlier)
                                && !r.path("state").asText().equals("RUNNING")
                                && !r.path("state").asText().equals("SWITCHING"));
        assertThat(replay.path("state").asText()).isEqualTo("DONE");
        assertThat(replay.path("requestedBy").asText()).isEqualTo("admin");
        long events = replay.path("eventsDone").asLong();
        assertThat(events).isPositive();
        Browser.eventually(() -> assertThat(digits(b.textOf(done))).contains("Rebuilt from " + events + " events"));

        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) b.script("return window.seenReplay;");
        assertThat(seen)
                .as("the progress shown while it ran")
                .anySatisfy(text -> assertThat(text)
                        .contains("Rebuilding")
                        .contains("events/s")
                        .contains("events"));
        b.screenshot("reports-04-rebuilt");
    }

    @Test
    @Order(7)
    void anAgentHasNoReportsEntryAndIsToldWhyOnTheRoute() {
        Browser b = agent();
        b.find(By.id("nav-queue"));
        assertThat(b.has(By.id("nav-reports"))).as("reports entry for an agent").isFalse();
        b.go("#/reports");
        b.waitForText("Reports are for analysts and administrators only");
        assertThat(b.has(By.cssSelector(".report"))).isFalse();
        b.go("#/reports/projections");
        b.waitForText("Reports are for analysts and administrators only");
        desk.as("alice").get("/api/reports/sla").expect(403);
    }

    // ---------- page against API ----------

    private void assertTableEqualsApi(Browser b, String report) {
        b.find(By.cssSelector(section(report) + "[data-state='ready']"));
        String name = report.startsWith("sla") ? "sla" : report;
        JsonNode rows = desk.as("ana")
                .get("/api/reports/" + name + "?" + query(b, report))
                .expect(200)
                .json()
                .path("rows");
        List<List<String>> table = tableOf(b, report);
        assertThat(rows.size()).as("%s rows", report).isPositive();
        assertThat(table).as("%s rows", report).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            List<String> cells = table.get(i);
            List<String> expected = new ArrayList<>();
            List<JsonNode> numbers = new ArrayList<>();
            switch (report) {
                case "sla-priority", "sla-tier" -> {
                    expected.add(label(row.path("key")));
                    SLA_NUMBERS.forEach(f -> numbers.add(row.path(f)));
                }
                case "volume" -> {
                    expected.add(row.path("start").asText());
                    expected.add(label(row.path("key")));
                    numbers.add(row.path("opened"));
                    numbers.add(row.path("resolved"));
                }
                default -> {
                    expected.add(row.path("start").asText());
                    expected.add(row.path("end").asText());
                    numbers.add(row.path("backlog"));
                }
            }
            assertThat(cells.subList(0, expected.size()))
                    .as("%s row %d", report, i)
                    .isEqualTo(expected);
            List<String> shown = cells.subList(expected.size(), cells.size());
            assertThat(shown).as("%s row %d", report, i).hasSize(numbers.size());
            for (int n = 0; n < numbers.size(); n++) {
                JsonNode want = numbers.get(n);
                if (want.isNull()) {
                    assertThat(shown.get(n))
                            .as("%s row %d column %d", report, i, n)
                            .isEqualTo("—");
                } else {
                    assertThat(new BigDecimal(shown.get(n)))
                            .as("%s row %d column %d", report, i, n)
                            .isEqualByComparingTo(want.decimalValue());
                }
            }
        }
    }

    /** Each body row's cells: a bucket cell as its {@code <time datetime>}, every other as its text. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> tableOf(Browser b, String report) {
        return (List<List<String>>) b.script(
                "return [...document.querySelectorAll(arguments[0] + ' table tbody tr')].map(tr =>"
                        + " [...tr.children].map(c => c.querySelector('time')?.getAttribute('datetime') ?? c.textContent.trim()));",
                section(report));
    }

    private static String query(Browser b, String report) {
        String query = b.find(By.cssSelector(section(report))).getAttribute("data-query");
        assertThat(query)
                .as("%s names the query it showed", report)
                .contains("from=")
                .contains("to=");
        return query;
    }

    private static String section(String report) {
        return "section[data-report='" + report + "']";
    }

    private static String label(JsonNode key) {
        if (key.isNull()) {
            return "None";
        }
        String text = key.asText();
        return text.charAt(0) + text.substring(1).toLowerCase(Locale.ROOT);
    }

    private static long total(JsonNode report, String field) {
        long sum = 0;
        for (JsonNode row : report.path("rows")) {
            sum += row.path(field).asLong();
        }
        return sum;
    }

    private static String digits(String text) {
        return text.replaceAll("(?<=\\d)[,\\u00a0\\u202f](?=\\d{3})", "");
    }

    private static Optional<Path> savedCsv(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .findFirst();
        }
    }

    private static void clear(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode replayOf(ApiClient api, String projection) {
        for (JsonNode item :
                api.get("/api/admin/projections").expect(200).json().path("items")) {
            if (item.path("name").asText().equals(projection)) {
                return item.path("replay");
            }
        }
        throw new AssertionError("no read model " + projection);
    }

    private static boolean noReplayRuns(ApiClient api) {
        for (JsonNode item :
                api.get("/api/admin/projections").expect(200).json().path("items")) {
            String state = item.path("replay").path("state").asText("");
            if (state.equals("RUNNING") || state.equals("SWITCHING")) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, Object>> serious(List<Map<String, Object>> violations) {
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }
}
