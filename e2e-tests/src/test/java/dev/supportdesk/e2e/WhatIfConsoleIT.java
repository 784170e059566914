package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The what-if section of the console's reports page in headless Chromium: the table shows what
 * {@code POST /api/reports/sla/what-if} answers to the body the page sent, a duration the page cannot read is shown
 * at its field and sends nothing, a refusal of the API is shown at the field it names, and an analyst and an
 * administrator start from the contracted policies (and send the calendars they name) without what the what-if
 * refuses. Screenshots go to target/screenshots.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatIfConsoleIT {

    private static final String WHAT_IF = "/api/reports/sla/what-if";
    private static final String RESULTS = "section[data-report='what-if']";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SupportDesk desk;
    private final SignedInBrowsers browsers;
    private final String word = Tickets.uniqueWord("whatif");

    WhatIfConsoleIT(SupportDesk desk) {
        this.desk = desk;
        this.browsers = new SignedInBrowsers(desk.edgeUrl());
    }

    private Browser analyst() {
        return browsers.of("ana");
    }

    @AfterAll
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    @Order(1)
    void anAnalystShortensATargetAndSeesTheApisAnswerToTheBodyThePageSent() {
        ApiClient alice = desk.as("alice");
        ApiClient ana = desk.as("ana");
        long before = tickets(ana.get("/api/reports/sla").expect(200).json());
        open(alice, openRequest("Urgent " + word, "EMAIL", "URGENT"));
        open(alice, openRequest("High " + word, "PHONE", "HIGH"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tickets(ana.get("/api/reports/sla").expect(200).json()) >= before + 2);

        Browser b = analyst();
        b.find(By.id("nav-reports")).click();
        b.find(By.linkText("What if…")).click();
        b.find(By.xpath("//h1[normalize-space(.)='What if…']"));
        startFromOneEmptyPolicy(b);
        b.type("First response", "4h");
        b.type("Resolution", "2d");
        runAndCompare(b, 1);

        // Shortened to a second, the first response of every ticket still waiting for one breaches.
        b.type("First response", "1s");
        JsonNode answer = runAndCompare(b, 2);
        JsonNode body = sentBody(b);
        assertThat(body.path("policies")
                        .get(0)
                        .path("targets")
                        .path("firstResponse")
                        .asText())
                .isEqualTo("PT1S");
        assertThat(body.path("policies")
                        .get(0)
                        .path("targets")
                        .path("resolution")
                        .asText())
                .isEqualTo("P2D");
        assertThat(answer.path("changedTickets").asLong())
                .as("tickets that would have breached their first response")
                .isPositive();
        assertThat(b.find(By.cssSelector(".whatif-summary")).getAttribute("data-changed"))
                .isEqualTo(answer.path("changedTickets").asText());
        b.script("arguments[0].scrollIntoView({block: 'start'});", b.find(By.cssSelector(RESULTS)));
        b.screenshot("what-if-01-shortened");
        assertThat(serious(b.accessibilityViolations())).as("what-if").isEmpty();
    }

    @Test
    @Order(2)
    void aDurationThePageCannotReadIsShownAtItsFieldAndSendsNothing() {
        Browser b = analyst();
        // Another fragment than the one shown, so that the page is built afresh.
        b.go("#/reports/what-if?groupBy=priority");
        startFromOneEmptyPolicy(b);
        String sent = b.find(By.cssSelector(RESULTS)).getAttribute("data-sent");
        b.type("First response", "four hours please");
        b.type("Resolution", "1d");
        b.button("Run").click();
        By error = By.cssSelector("[data-field='policies[0].targets.firstResponse'] > .field-error");
        Browser.eventually(() -> assertThat(b.textOf(error)).contains("not a duration"));
        assertThat(b.field("First response").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(sent).isEqualTo("0");
        assertThat(b.find(By.cssSelector(RESULTS)).getAttribute("data-sent"))
                .as("nothing was sent")
                .isEqualTo(sent);
        assertThat(b.find(By.cssSelector(RESULTS)).getAttribute("data-state")).isEqualTo("idle");
        b.screenshot("what-if-02-bad-duration");
    }

    @Test
    @Order(3)
    void aRefusalOfTheApiIsShownAtTheFieldItNames() {
        Browser b = analyst();
        b.go("#/reports/what-if?groupBy=channel");
        startFromOneEmptyPolicy(b);
        assertThat(b.field("Group by").getAttribute("value")).isEqualTo("channel");
        b.type("First response", "4h");
        b.type("Resolution", "1d");
        b.button("Add a policy").click();
        By second = By.cssSelector("[data-field='policies[1].name'] > input");
        b.find(second).clear();
        b.find(second).sendKeys(b.field("Name").getAttribute("value"));
        b.find(By.cssSelector("[data-field='policies[1].targets.firstResponse'] > input"))
                .sendKeys("2h");
        b.find(By.cssSelector("[data-field='policies[1].targets.resolution'] > input"))
                .sendKeys("3d");
        b.button("Run").click();
        By error = By.cssSelector("[data-field='policies[1].name'] > .field-error");
        Browser.eventually(() -> assertThat(b.textOf(error)).contains("given before"));
        assertThat(b.find(By.cssSelector(RESULTS)).getAttribute("data-state")).isEqualTo("error");
        JsonNode refused = desk.as("ana")
                .postRaw(WHAT_IF, sentBody(b).toString(), "application/json")
                .expect(400)
                .json();
        List<String> fields = new ArrayList<>();
        refused.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as("the API names the field the page marked").contains("policies[1].name");
    }

    @Test
    @Order(4)
    void anAdminStartsFromTheActiveStoredPoliciesWithoutLadderOrWebhook() throws Exception {
        ApiClient api = desk.as("admin");
        List<JsonNode> active = new ArrayList<>();
        api.get("/api/sla/policies").expect(200).json().path("items").forEach(p -> {
            if (p.path("active").asBoolean()) {
                active.add(p);
            }
        });
        Browser b = browsers.of("admin");
        b.go("#/reports/what-if");
        b.find(By.cssSelector("[data-origin='stored']"));
        if (active.isEmpty()) {
            assertThat(b.find(By.cssSelector("[data-policy]")).isDisplayed()).isTrue();
            b.type("First response", "1h");
            b.type("Resolution", "1d");
        } else {
            Browser.eventually(() -> assertThat(
                            b.find(By.cssSelector(".whatif-policies")).findElements(By.cssSelector("[data-policy]")))
                    .hasSize(active.size()));
        }
        JsonNode answer = runAndCompare(b, 1);
        JsonNode body = sentBody(b);
        List<String> names = new ArrayList<>();
        for (JsonNode policy : body.path("policies")) {
            names.add(policy.path("name").asText());
            assertThat(policy.has("escalations")).isFalse();
            assertThat(policy.has("webhookUrl")).isFalse();
            assertThat(policy.has("version")).isFalse();
        }
        if (!active.isEmpty()) {
            assertThat(names)
                    .containsExactlyInAnyOrderElementsOf(
                            active.stream().map(p -> p.path("name").asText()).toList());
        }
        assertThat(answer.path("policies").size()).isEqualTo(names.size());
    }

    @Test
    @Order(5)
    void anAnalystStartsFromTheContractedPolicyAndItsCalendarAndAsksWhatAShorterFirstResponseWouldHaveGiven() {
        ApiClient admin = desk.as("admin");
        String calendar = "whatif-office-" + word;
        String policy = "whatif-contracted-" + word;
        String secret = "whatif-secret-" + word;
        admin.put(
                        "/api/sla/calendars/" + calendar,
                        Map.of(
                                "timeZone",
                                "Europe/Berlin",
                                "workingHours",
                                Map.of("MONDAY", List.of("09:00-17:00"), "TUESDAY", List.of("09:00-17:00"))))
                .expect(200);
        // NORMAL, PREMIUM and CHAT: a combination no other test opens; deactivated again at the end.
        admin.put(
                        "/api/sla/policies/" + policy,
                        Map.of(
                                "match",
                                Map.of("priority", "NORMAL", "customerTier", "PREMIUM", "channel", "CHAT"),
                                "targets",
                                Map.of("firstResponse", "PT1H", "resolution", "PT8H"),
                                "calendar",
                                calendar,
                                "webhookUrl",
                                "https://hooks.example.com/sla?token=" + secret))
                .expect(200);
        try {
            Browser b = analyst();
            b.go("#/reports/what-if?groupBy=tier");
            b.find(By.cssSelector("[data-origin='stored']"));
            int card = cardOf(b, policy);
            String at = "[data-field='policies[" + card + "].%s'] > %s";
            assertThat(b.find(By.cssSelector(at.formatted("targets.firstResponse", "input")))
                            .getAttribute("value"))
                    .as("the contracted first response, in words")
                    .isEqualTo("1h");
            assertThat(b.find(By.cssSelector(at.formatted("targets.resolution", "input")))
                            .getAttribute("value"))
                    .isEqualTo("8h");
            assertThat(b.find(By.cssSelector(at.formatted("calendar", "select")))
                            .getAttribute("value"))
                    .isEqualTo(calendar);
            assertThat(b.find(By.cssSelector(at.formatted("match.customerTier", "select")))
                            .getAttribute("value"))
                    .isEqualTo("PREMIUM");
            assertThat((String) b.script("return document.documentElement.outerHTML;"))
                    .as("the webhook's secret never reaches an analyst's page")
                    .doesNotContain(secret);

            // What if the first response were 30 minutes instead of 60: one edit.
            WebElement firstResponse = b.find(By.cssSelector(at.formatted("targets.firstResponse", "input")));
            firstResponse.clear();
            firstResponse.sendKeys("30m");
            JsonNode answer = runAndCompare(b, 1);
            JsonNode body = sentBody(b);
            JsonNode sent = null;
            for (JsonNode p : body.path("policies")) {
                assertThat(p.has("webhookUrl")).isFalse();
                if (p.path("name").asText().equals(policy)) {
                    sent = p;
                }
            }
            assertThat(sent).as("the contracted policy is in the body").isNotNull();
            assertThat(sent.path("targets").path("firstResponse").asText()).isEqualTo("PT30M");
            assertThat(sent.path("targets").path("resolution").asText()).isEqualTo("PT8H");
            assertThat(sent.path("calendar").asText()).isEqualTo(calendar);
            List<String> calendars = new ArrayList<>();
            body.path("calendars").forEach(c -> calendars.add(c.path("name").asText()));
            assertThat(calendars)
                    .as("the stored calendar goes with the policy that names it")
                    .contains(calendar);
            JsonNode given = StreamSupport.stream(body.path("calendars").spliterator(), false)
                    .filter(c -> c.path("name").asText().equals(calendar))
                    .findFirst()
                    .orElseThrow();
            assertThat(given.path("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(given.path("workingHours").path("MONDAY").get(0).asText())
                    .isEqualTo("09:00-17:00");
            assertThat(answer.path("policies").toString()).contains(policy);
            b.script("arguments[0].scrollIntoView({block: 'start'});", b.find(By.cssSelector(".whatif-policies")));
            b.screenshot("what-if-05-analyst-contracted");
        } finally {
            admin.post("/api/sla/policies/" + policy + "/deactivate", Map.of()).expect(200);
        }
    }

    /**
     * Removes every policy the page started from and adds one empty policy: the analyst's questions above are
     * about one policy that matches every ticket, whatever other tests stored.
     */
    private static void startFromOneEmptyPolicy(Browser b) {
        b.find(By.cssSelector("[data-origin='stored']"));
        By cards = By.cssSelector(".whatif-policies [data-policy]");
        int started = b.findAll(cards).size();
        for (int i = 0; i < started; i++) {
            b.button("Remove policy 1").click();
        }
        // An empty list has no height: it is not "displayed", so its cards are counted, not the list found.
        assertThat(b.findAll(cards)).isEmpty();
        b.button("Add a policy").click();
        Browser.eventually(() -> assertThat(b.findAll(cards)).hasSize(1));
    }

    /** The number of the card whose name is {@code name}, once the page has rendered it. */
    private static int cardOf(Browser b, String name) {
        int[] found = new int[1];
        Browser.eventually(() -> {
            Object index = b.script(
                    "return [...document.querySelectorAll('.whatif-policies input[name$=\"].name\"]')]"
                            + ".findIndex(i => i.value === arguments[0]);",
                    name);
            assertThat(((Number) index).intValue()).as("the card of %s", name).isNotNegative();
            found[0] = ((Number) index).intValue();
        });
        return found[0];
    }

    // ---------- page against API ----------

    /** Runs the form and compares the page's table and samples with the API's answer to the body the page sent. */
    private JsonNode runAndCompare(Browser b, int minimumRuns) {
        JsonNode[] answer = new JsonNode[1];
        b.button("Run").click();
        // A clock that runs may cross its due instant between the page's request and the test's: then run again.
        Browser.eventually(() -> {
            try {
                b.find(By.cssSelector(RESULTS + "[data-state='ready']"));
                assertThat(Integer.parseInt(b.find(By.cssSelector(RESULTS)).getAttribute("data-sent")))
                        .isGreaterThanOrEqualTo(minimumRuns);
                answer[0] = desk.as("ana")
                        .postRaw(WHAT_IF, sentBody(b).toString(), "application/json")
                        .expect(200)
                        .json();
                assertTableEqualsAnswer(b, answer[0]);
            } catch (AssertionError e) {
                b.button("Run").click();
                throw e;
            }
        });
        return answer[0];
    }

    private static void assertTableEqualsAnswer(Browser b, JsonNode answer) {
        JsonNode rows = answer.path("rows");
        List<List<String>> table = tableOf(b);
        assertThat(rows.size()).as("rows").isPositive();
        assertThat(table).as("rows").hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            List<String> cells = table.get(i);
            assertThat(cells.get(0)).as("row %d", i).isEqualTo(label(row.path("key")));
            List<JsonNode> numbers = List.of(
                    row.path("contracted").path("tickets"),
                    row.path("contracted").path("compliancePct"),
                    row.path("whatIf").path("compliancePct"),
                    JSON.getNodeFactory().numberNode(breaches(row.path("contracted"))),
                    JSON.getNodeFactory().numberNode(breaches(row.path("whatIf"))),
                    row.path("changedTickets"));
            assertThat(cells.subList(1, cells.size())).as("row %d", i).hasSize(numbers.size());
            for (int n = 0; n < numbers.size(); n++) {
                String shown = cells.get(n + 1);
                JsonNode want = numbers.get(n);
                if (want.isNull()) {
                    assertThat(shown).as("row %d column %d", i, n + 1).isEqualTo("—");
                } else {
                    assertThat(new BigDecimal(shown))
                            .as("row %d column %d", i, n + 1)
                            .isEqualByComparingTo(want.decimalValue());
                }
            }
            List<String> sample = new ArrayList<>();
            row.path("changed")
                    .forEach(c -> sample.add("#/tickets/" + c.path("ticketId").asText()));
            String key = row.path("key").isNull() ? "" : row.path("key").asText();
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) b.script(
                    "return [...document.querySelectorAll(arguments[0])].filter(d => d.dataset.key === arguments[1])"
                            + ".flatMap(d => [...d.querySelectorAll('a')].map(a => a.getAttribute('href')));",
                    RESULTS + " .whatif-changed",
                    key);
            assertThat(links).as("changed tickets of row %d", i).isEqualTo(sample);
        }
        assertThat(b.find(By.cssSelector(RESULTS + " caption")).getText()).contains("contracted beside what-if");
        WebElement chart = b.find(By.cssSelector(RESULTS + " .chart"));
        assertThat(chart.getAttribute("aria-label")).contains("The table below lists the same numbers");
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> tableOf(Browser b) {
        return (List<List<String>>) b.script(
                "return [...document.querySelectorAll(arguments[0] + ' table tbody tr')].map(tr =>"
                        + " [...tr.children].map(c => c.textContent.trim()));",
                RESULTS);
    }

    private static JsonNode sentBody(Browser b) {
        String body = b.find(By.cssSelector(RESULTS)).getAttribute("data-body");
        assertThat(body).as("the page names the body it sent").isNotBlank();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the page's body is no JSON: " + body, e);
        }
    }

    private static long breaches(JsonNode figures) {
        return figures.path("firstResponseBreached").asLong()
                + figures.path("resolutionBreached").asLong();
    }

    private static String label(JsonNode key) {
        if (key.isNull()) {
            return "None";
        }
        String text = key.asText();
        return text.charAt(0) + text.substring(1).toLowerCase(Locale.ROOT);
    }

    private static long tickets(JsonNode report) {
        long sum = 0;
        for (JsonNode row : report.path("rows")) {
            sum += row.path("tickets").asLong();
        }
        return sum;
    }

    private static List<Map<String, Object>> serious(List<Map<String, Object>> violations) {
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }
}
