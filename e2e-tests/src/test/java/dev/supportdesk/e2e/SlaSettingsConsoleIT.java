package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
 * The console's SLA settings page (ADMIN) and the SLA panel's explanation, in headless Chromium against the
 * running platform. The policy matches HIGH, PREMIUM and MESSENGER tickets, a combination no other test opens,
 * and ends deactivated. The scenarios build on each other, so they run in order; screenshots go to
 * target/screenshots.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaSettingsConsoleIT {

    private final SupportDesk desk;
    private final SignedInBrowsers browsers;
    private final String word = Tickets.uniqueWord("console");
    private final String policy = word + "-policy";
    private final String calendar = word + "-hours";

    SlaSettingsConsoleIT(SupportDesk desk) {
        this.desk = desk;
        this.browsers = new SignedInBrowsers(desk.edgeUrl());
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
    void adminCreatesACalendarWithAnErrorNextToTheWrongDayFirst() {
        Browser b = admin();
        b.find(By.id("nav-sla")).click();
        b.find(By.xpath("//h1[normalize-space(.)='SLA settings']"));
        b.button("New calendar").click();
        b.type("Name", calendar);
        b.type("Time zone", "Europe/Berlin");
        b.type("Monday", "09:00-12:00, 13:00-18:00");
        b.type("Tuesday", "18:00-09:00");
        b.type("Holidays", "2026-12-24\n2026-12-25");
        b.button("Create calendar").click();

        By tuesdayError = By.cssSelector("[data-field='workingHours.TUESDAY'] > .field-error");
        Browser.eventually(() -> assertThat(b.textOf(tuesdayError)).startsWith("Range 1:"));
        assertThat(b.field("Tuesday").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(b.textOf(By.cssSelector(".settings-form .alert"))).contains("Nothing was saved");
        assertThat(calendarNamed(calendar))
                .as("a refused calendar is not stored")
                .isNull();

        b.type("Tuesday", "09:00-17:00");
        b.button("Create calendar").click();
        WebElement row = b.find(By.cssSelector("tr[data-calendar='" + calendar + "']"));
        assertThat(row.getAttribute("data-version")).isEqualTo("1");
        assertThat(row.getText()).contains("Europe/Berlin").contains("Mon 09:00-12:00, 13:00-18:00");
        JsonNode stored = calendarNamed(calendar);
        assertThat(stored.path("workingHours").path("MONDAY").toString())
                .isEqualTo("[\"09:00-12:00\",\"13:00-18:00\"]");
        assertThat(stored.path("holidays").toString()).isEqualTo("[\"2026-12-24\",\"2026-12-25\"]");
    }

    @Test
    @Order(2)
    void adminCreatesAPolicyOnThatCalendarListedAtVersionOne() {
        Browser b = admin();
        b.go("#/sla");
        b.button("New policy").click();
        b.type("Name", policy);
        b.select("Priority", "High");
        b.select("Customer tier", "Premium");
        b.select("Channel", "Messenger");
        b.type("First response", "PT4H");
        b.type("Resolution", "2d 4h");
        b.type("Warn at (% of the target)", "75");
        b.select("Calendar", calendar + " (Europe/Berlin)");
        b.button("Add escalation step").click();
        b.select("When", "On breach");
        b.select("Metric", "Resolution");
        b.choose("Notify supervisor");
        b.choose("Reassign to group");
        b.select("Group", "tier2");
        b.screenshot("sla-01-policy-form");
        b.button("Create policy").click();

        WebElement row = b.find(By.cssSelector("tr[data-policy='" + policy + "']"));
        assertThat(row.getAttribute("data-version")).isEqualTo("1");
        assertThat(row.getText())
                .contains("High priority · Premium tier · Messenger")
                .contains("2d 4h")
                .contains("75 %")
                .contains("On breach of resolution: notify supervisor, reassign to tier2")
                .contains("Active");
        JsonNode stored = policyNamed(policy);
        assertThat(stored.path("targets").path("resolution").asText()).isEqualTo("PT52H");
        assertThat(stored.path("calendar").asText()).isEqualTo(calendar);
        assertThat(stored.path("escalations").get(0).path("actions").toString())
                .isEqualTo("[\"NOTIFY_SUPERVISOR\",\"REASSIGN_TO_GROUP\"]");
        b.screenshot("sla-02-settings");
    }

    @Test
    @Order(3)
    void editingThePolicyMakesVersionTwo() {
        Browser b = admin();
        b.go("#/sla");
        b.button("Edit policy " + policy).click();
        assertThat(b.field("First response").getAttribute("value")).isEqualTo("PT4H");
        b.type("Warn at (% of the target)", "60");
        b.button("Save policy").click();
        By row = By.cssSelector("tr[data-policy='" + policy + "'][data-version='2']");
        assertThat(b.textOf(row)).contains("60 %");
        assertThat(policyNamed(policy).path("version").asLong()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void anInvalidDurationIsShownNextToItsFieldAndNothingIsSaved() {
        Browser b = admin();
        b.go("#/sla/policies/" + policy);
        By firstResponseError = By.cssSelector("[data-field='targets.firstResponse'] > .field-error");

        b.type("First response", "four hours");
        b.button("Save policy").click();
        Browser.eventually(() -> assertThat(b.textOf(firstResponseError)).contains("is not a duration"));

        // The platform's own refusal, field by field: a zero target is no target.
        b.type("First response", "PT0S");
        b.button("Save policy").click();
        Browser.eventually(() -> assertThat(b.textOf(firstResponseError)).contains("positive duration"));
        assertThat(b.field("First response").getAttribute("aria-invalid")).isEqualTo("true");
        b.screenshot("sla-03-invalid-duration");
        JsonNode stored = policyNamed(policy);
        assertThat(stored.path("version").asLong()).isEqualTo(2);
        assertThat(stored.path("targets").path("firstResponse").asText()).isEqualTo("PT4H");
    }

    @Test
    @Order(5)
    void theSettingsPageHasNoSeriousAccessibilityViolationAndFitsAPhone() {
        Browser b = admin();
        b.go("#/sla");
        b.find(By.cssSelector("tr[data-policy='" + policy + "']"));
        assertThat(serious(b.accessibilityViolations())).as("settings list").isEmpty();
        b.go("#/sla/policies/" + policy);
        b.field("First response");
        assertThat(serious(b.accessibilityViolations())).as("policy form").isEmpty();
        b.viewport(390, 844);
        try {
            b.go("#/sla");
            b.find(By.cssSelector("tr[data-policy='" + policy + "']"));
            assertThat(b.sidewaysOverflow()).as("settings at 390 px").isLessThanOrEqualTo(0);
            b.screenshot("sla-04-phone-settings");
            b.go("#/sla/calendars/" + calendar);
            b.field("Monday");
            assertThat(b.sidewaysOverflow()).as("calendar form at 390 px").isLessThanOrEqualTo(0);
        } finally {
            b.viewport(0, 0);
        }
    }

    @Test
    @Order(6)
    void deactivatingAsksFirstThenListsThePolicyAsInactive() {
        Browser b = admin();
        b.go("#/sla");
        b.button("Deactivate policy " + policy).click();
        WebElement confirm = b.find(By.cssSelector("dialog[open]"));
        assertThat(confirm.getText()).contains("Deactivate policy " + policy + "?");
        b.button("Deactivate").click();
        By row = By.cssSelector("tr[data-policy='" + policy + "'][data-active='false']");
        assertThat(b.textOf(row)).contains("Inactive");
        JsonNode stored = policyNamed(policy);
        assertThat(stored.path("active").asBoolean()).isFalse();
        assertThat(stored.path("version").asLong()).isEqualTo(3);
    }

    @Test
    @Order(7)
    void anAgentHasNoSettingsEntryAndIsToldWhyOnTheRoute() {
        Browser b = agent();
        b.find(By.id("nav-queue"));
        assertThat(b.has(By.id("nav-sla"))).as("settings entry for an agent").isFalse();
        b.go("#/sla");
        b.waitForText("SLA settings are for administrators only");
        desk.as("alice").get("/api/sla/policies").expect(403);
    }

    @Test
    @Order(8)
    void theSlaPanelExplainsAPausedClockAndFollowsTheTicketLive() {
        ApiClient alice = desk.as("alice");
        String subject = "Explained " + word;
        String id = open(alice, openRequest(subject, "PHONE", "NORMAL"))
                .json()
                .path("id")
                .asText();
        command(alice, id, "assign", Map.of("assignee", "alice"));
        command(alice, id, "pending", Map.of("reason", "waiting for the customer"));

        Browser b = agent();
        b.go("#/tickets/" + id);
        b.find(By.xpath("//h1[normalize-space(.)='" + subject + "']"));
        By why = By.cssSelector(".sla-why[data-metric='FIRST_RESPONSE']");
        Browser.eventually(() -> assertThat(b.textOf(why)).contains("Paused"));
        b.find(By.cssSelector(".sla-why[data-metric='FIRST_RESPONSE'] summary")).click();
        Browser.eventually(() -> assertThat(b.textOf(why))
                .contains("Paused because the ticket is pending (waiting for the customer)")
                .contains("Policy")
                .contains("default"));
        b.script("arguments[0].scrollIntoView({block: 'start'});", b.find(why));
        b.screenshot("sla-05-explanation");

        command(alice, id, "resume", Map.of("reason", "the customer answered"));
        Browser.eventually(() -> assertThat(b.textOf(why))
                .as("the open explanation follows the ticket live")
                .contains("Resumed because the wait ended (the customer answered)"));
        assertThat(b.find(why).getAttribute("open"))
                .as("stays open across the reload")
                .isNotNull();
    }

    private JsonNode policyNamed(String name) {
        return named(desk.as("admin").get("/api/sla/policies").expect(200).json(), name);
    }

    private JsonNode calendarNamed(String name) {
        return named(desk.as("admin").get("/api/sla/calendars").expect(200).json(), name);
    }

    private static JsonNode named(JsonNode list, String name) {
        return StreamSupport.stream(list.path("items").spliterator(), false)
                .filter(item -> name.equals(item.path("name").asText()))
                .findFirst()
                .orElse(null);
    }

    private static List<Map<String, Object>> serious(List<Map<String, Object>> violations) {
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }
}
