package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.command;
import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's audit view (AUDITOR, ADMIN) in headless Chromium against the running platform: the list with
 * its filters, a ticket's trail with its hash chain, the verification of one ticket and of the whole store, and
 * the finding a tampered event gives. The tampering flips one payload byte of a ticket only this class opens
 * and reads, and flips it back before the class ends, so the store verifies clean again for everyone else.
 * Screenshots go to target/screenshots.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditConsoleIT {

    private static final String EVENTS = "ticket_command.domain_event_entry";

    private final SupportDesk desk;
    private final SignedInBrowsers browsers;
    private String ticketId;
    private String samOption;
    private long signedSequence;

    AuditConsoleIT(SupportDesk desk) {
        this.desk = desk;
        this.browsers = new SignedInBrowsers(desk.edgeUrl());
    }

    /** A ticket alice opens and sam assigns, with a signed checkpoint that covers it. */
    @BeforeAll
    void openTheAuditedTicket() {
        String word = Tickets.uniqueWord("audit");
        ticketId = open(desk.as("alice"), openRequest("Router audit " + word, "PHONE", "NORMAL"))
                .json()
                .path("id")
                .asText();
        command(desk.as("sam"), ticketId, "assign", Map.of("assignee", "bob", "group", "tier1"));
        // Another ticket, so that the ticket filter has something to leave out even on a fresh store.
        open(desk.as("alice"), openRequest("Printer audit " + word, "EMAIL", "LOW"));
        signedSequence = desk.as("admin")
                .postRaw("/api/audit/checkpoints", "", "application/json")
                .expect(201)
                .json()
                .path("sequence")
                .asLong();
        for (JsonNode user : desk.as("audrey").get("/api/users").expect(200).json()) {
            if (user.path("name").asText().equals("sam")) {
                samOption = user.path("displayName").asText() + " (Supervisor)";
            }
        }
        assertThat(samOption).isNotNull();
    }

    private Browser auditor() {
        return browsers.of("audrey");
    }

    @AfterAll
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    @Order(1)
    void anAuditorFiltersByTicketAndByActorAndSeesExactlyTheEntriesTheApiReturns() {
        Browser b = auditor();
        b.find(By.id("nav-audit")).click();
        b.find(By.xpath("//h1[normalize-space(.)='Audit trail']"));
        b.type("Ticket or stream", ticketId);
        Browser.eventually(() -> assertThat(shownPositions(b)).isEqualTo(apiPositions("ticketId=" + ticketId)));
        assertThat(shownPositions(b)).hasSize(4);
        Browser.eventually(() -> assertThat(b.url()).contains("ticket=" + ticketId));

        b.select("Actor", samOption);
        Browser.eventually(() -> assertThat(shownPositions(b))
                .isEqualTo(apiPositions("ticketId=" + ticketId + "&actor=sam"))
                .hasSize(1));
        WebElement row = b.find(By.cssSelector(".audit-table tbody tr"));
        assertThat(row.getText())
                .contains(samOption.replace(" (Supervisor)", ""))
                .contains("Supervisor")
                .contains("API")
                .contains("Ticket assigned")
                .contains(ticketId);
        Browser.eventually(() -> assertThat(b.url()).contains("actor=sam"));
        b.screenshot("audit-01-list-by-ticket-and-actor");

        b.select("Event type", "Ticket opened");
        Browser.eventually(() -> assertThat(shownPositions(b)).isEmpty());
        b.waitForText("No audit entries match these filters.");
        b.select("Actor", "Anyone");
        Browser.eventually(() -> assertThat(shownPositions(b))
                .isEqualTo(apiPositions("ticketId=" + ticketId + "&type=TicketOpenedEvent"))
                .hasSize(1));

        // The actor alone, across every ticket: the first page, as the API pages it.
        b.go("#/audit?actor=sam");
        Browser.eventually(() -> assertThat(shownPositions(b)).isEqualTo(apiPositions("actor=sam&page=0&size=50")));
        assertThat(b.field("Actor").getAttribute("value")).isEqualTo("sam");

        // The time range from the URL: from the assignment's own instant on, only the assignment's events.
        String assignedAt = desk.as("audrey")
                .get("/api/audit?ticketId=" + ticketId + "&actor=sam")
                .expect(200)
                .json()
                .path("items")
                .get(0)
                .path("occurredAt")
                .asText();
        String from = URLEncoder.encode(assignedAt, StandardCharsets.UTF_8);
        b.go("#/audit?ticket=" + ticketId + "&from=" + from);
        Browser.eventually(() -> assertThat(shownPositions(b))
                .isEqualTo(apiPositions("ticketId=" + ticketId + "&from=" + from))
                .isNotEmpty());
    }

    @Test
    @Order(2)
    void theTicketsTrailShowsTheHistorysHashesAndEachLinkToThePreviousEvent() {
        Browser b = auditor();
        b.go("#/audit?ticket=" + ticketId);
        b.find(By.cssSelector("a[aria-label='Trail of " + ticketId + "']")).click();
        b.find(By.xpath("//h1[normalize-space(.)='Trail of " + ticketId + "']"));
        JsonNode history = desk.as("audrey")
                .get("/api/tickets/" + ticketId + "/history")
                .expect(200)
                .json()
                .path("events");
        Browser.eventually(
                () -> assertThat(b.has(By.cssSelector(".trail-event"))).isTrue());
        List<WebElement> shown = b.findAll(By.cssSelector(".trail-event"));
        assertThat(shown).hasSize(history.size());
        for (int i = 0; i < history.size(); i++) {
            JsonNode event = history.get(i);
            WebElement item = shown.get(i);
            assertThat(item.getAttribute("data-version"))
                    .isEqualTo(event.path("version").asText());
            assertThat(item.getAttribute("data-hash"))
                    .isEqualTo(event.path("hash").asText());
            assertThat(item.getAttribute("data-previous-hash"))
                    .isEqualTo(event.path("previousHash").asText());
            assertThat(item.findElement(By.cssSelector(".trail-facts code.hash"))
                            .getAttribute("data-hash"))
                    .isEqualTo(event.path("hash").asText());
            if (event.path("correlationId").isTextual()) {
                assertThat(item.getText()).contains(event.path("correlationId").asText());
            }
        }
        assertThat(shown.get(0).getText()).contains("First event of the stream");
        assertThat(shown.get(1).getText()).contains("Links to version 1");
        assertThat(shown)
                .as("the assignment, by sam through the API")
                .anySatisfy(item ->
                        assertThat(item.getText()).contains("Ticket assigned").contains("from API"));
        b.screenshot("audit-02-trail");
    }

    @Test
    @Order(3)
    void verifyingTheTicketSaysVerified() {
        Browser b = auditor();
        b.go("#/audit/tickets/" + ticketId);
        b.button("Verify this ticket").click();
        WebElement verdict = b.find(By.cssSelector(".verdict-box .verdict"));
        assertThat(verdict.getAttribute("data-verified")).isEqualTo("true");
        JsonNode api = desk.as("audrey")
                .get("/api/audit/verify?ticketId=" + ticketId)
                .expect(200)
                .json();
        assertThat(verdict.getText())
                .contains("Verified")
                .contains(api.path("eventsChecked").asText() + " events in 1 stream");
        b.screenshot("audit-03-ticket-verified");
    }

    @Test
    @Order(4)
    void theWholeStoreIsVerifiedAsAJobFollowedToItsEndBesideTheSignedCheckpoints() {
        Browser b = auditor();
        b.find(By.id("nav-audit")).click();
        b.find(By.cssSelector("a.audit-tab[href='#/audit/verify']")).click();
        b.button("Verify the whole store").click();
        WebElement job = await(b, By.cssSelector(".job[data-state='DONE']"));
        String jobId = b.url().replaceAll(".*[?&]job=([^&]+).*", "$1");
        JsonNode done =
                desk.as("audrey").get("/api/audit/verify/" + jobId).expect(200).json();
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        JsonNode result = done.path("result");
        WebElement verdict = job.findElement(By.cssSelector(".verdict"));
        assertThat(verdict.getAttribute("data-verified"))
                .isEqualTo(result.path("verified").asText());
        assertThat(verdict.findElements(By.cssSelector(".findings li")))
                .hasSize(result.path("problems").size());
        assertThat(verdict.getText())
                .contains(String.format(
                        Locale.ROOT, "%,d events", result.path("eventsChecked").asLong()));

        // Checkpoints are also signed every minute while others work: the one signed for this class is listed.
        By signedRow = By.cssSelector(".checkpoints tbody tr[data-sequence='" + signedSequence + "']");
        WebElement signed = b.find(signedRow);
        assertThat(signed.getAttribute("data-signature")).isEqualTo("valid");
        assertThat(signed.getText()).contains("Valid");
        List<WebElement> rows = b.findAll(By.cssSelector(".checkpoints tbody tr"));
        assertThat(rows).hasSizeBetween(1, 20);
        for (WebElement row : rows) {
            assertThat(row.getAttribute("data-signature"))
                    .as("checkpoint %s", row.getAttribute("data-sequence"))
                    .isEqualTo("valid");
        }
        JsonNode checkpoints = desk.as("audrey")
                .get("/api/audit/checkpoints")
                .expect(200)
                .json()
                .path("items");
        assertThat(Long.parseLong(rows.get(0).getAttribute("data-sequence")))
                .as("newest first")
                .isGreaterThanOrEqualTo(signedSequence)
                .isLessThanOrEqualTo(
                        checkpoints.get(checkpoints.size() - 1).path("sequence").asLong());

        assertThat(b.find(By.xpath("//a[normalize-space(.)='Download the export']"))
                        .getAttribute("href"))
                .endsWith("/api/audit/export");
        assertThat(b.textOf(By.cssSelector("pre.command")))
                .contains("/api/audit/export > export.ndjson")
                .contains("java tools/AuditVerify.java export.ndjson audit-public-key.json");
        b.screenshot("audit-04-whole-store");
    }

    @Test
    @Order(5)
    void aChangedPayloadByteIsShownAsAHashMismatchAtThatVersion() throws SQLException {
        Browser b = auditor();
        b.go("#/audit/tickets/" + ticketId);
        b.find(By.cssSelector(".trail-event"));
        assertThat(flipPayloadByte(1)).isEqualTo(1);
        try {
            b.button("Verify this ticket").click();
            WebElement verdict = b.find(By.cssSelector(".verdict-box .verdict[data-verified='false']"));
            List<WebElement> findings = verdict.findElements(By.cssSelector(".findings li"));
            assertThat(findings).hasSize(1);
            assertThat(findings.get(0).getAttribute("data-kind")).isEqualTo("HASH_MISMATCH");
            assertThat(findings.get(0).getAttribute("data-version")).isEqualTo("1");
            assertThat(findings.get(0).getText())
                    .contains("Hash mismatch")
                    .contains("Version 1 of " + ticketId + " was altered");
            b.screenshot("audit-05-tampered");
        } finally {
            assertThat(flipPayloadByte(1)).isEqualTo(1);
        }
        assertThat(desk.as("audrey")
                        .get("/api/audit/verify?ticketId=" + ticketId)
                        .expect(200)
                        .json()
                        .path("verified")
                        .asBoolean())
                .as("the byte is back: the ticket verifies again")
                .isTrue();
    }

    @Test
    @Order(6)
    void theAuditPagesHaveNoSeriousAccessibilityViolationAndNoSidewaysScrollOnAPhone() {
        Browser b = auditor();
        b.go("#/audit?ticket=" + ticketId);
        b.find(By.cssSelector(".audit-table tbody tr"));
        assertThat(serious(b.accessibilityViolations())).as("audit list").isEmpty();
        b.go("#/audit/tickets/" + ticketId);
        b.find(By.cssSelector(".trail-event"));
        b.button("Verify this ticket").click();
        b.find(By.cssSelector(".verdict-box .verdict"));
        assertThat(serious(b.accessibilityViolations())).as("trail").isEmpty();
        b.go("#/audit/verify");
        b.find(By.cssSelector(".checkpoints tbody tr"));
        assertThat(serious(b.accessibilityViolations())).as("verification").isEmpty();

        b.viewport(390, 844);
        try {
            b.go("#/audit?ticket=" + ticketId);
            b.find(By.cssSelector(".audit-table tbody tr"));
            Browser.eventually(() -> assertThat(b.sidewaysOverflow()).as("list").isZero());
            b.screenshot("audit-06-phone-list");
            b.go("#/audit/tickets/" + ticketId);
            b.find(By.cssSelector(".trail-event"));
            assertThat(b.sidewaysOverflow()).as("trail").isZero();
        } finally {
            b.viewport(0, 0);
        }
    }

    @Test
    @Order(7)
    void anAgentHasNoAuditEntryAndTheRouteSaysWhoItIsFor() {
        Browser agent = browsers.of("alice");
        assertThat(agent.has(By.id("nav-audit"))).isFalse();
        agent.go("#/audit?ticket=" + ticketId);
        agent.waitForText("The audit view is for auditors and administrators.");
        assertThat(agent.has(By.cssSelector(".audit-table"))).isFalse();
        agent.screenshot("audit-07-agent");
        assertThat(desk.as("alice").get("/api/audit?ticketId=" + ticketId).status())
                .isEqualTo(403);
    }

    private static WebElement await(Browser b, By by) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofMinutes(3))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> b.findAll(by).stream().findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static List<Long> shownPositions(Browser b) {
        List<Long> positions = new ArrayList<>();
        for (WebElement row : b.findAll(By.cssSelector(".audit-table tbody tr[data-position]"))) {
            positions.add(Long.parseLong(row.getAttribute("data-position")));
        }
        return positions;
    }

    private List<Long> apiPositions(String query) {
        List<Long> positions = new ArrayList<>();
        for (JsonNode item :
                desk.as("audrey").get("/api/audit?" + query).expect(200).json().path("items")) {
            positions.add(item.path("position").asLong());
        }
        return positions;
    }

    /** Flips the lowest bit of the fourth payload byte of that version: done twice, the event is as stored. */
    private int flipPayloadByte(long version) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(desk.jdbcUrl(), desk.databaseUser(), desk.databasePassword());
                PreparedStatement update = connection.prepareStatement("UPDATE " + EVENTS
                        + " SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1)"
                        + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            update.setString(1, ticketId);
            update.setLong(2, version - 1);
            return update.executeUpdate();
        }
    }

    private static List<Map<String, Object>> serious(List<Map<String, Object>> violations) {
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }
}
