package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static dev.supportdesk.e2e.Tickets.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The agent console in real headless Chromium against the running platform: one ticket's day, from a
 * phone call to its reopening, with a colleague in a second browser. The scenarios build on each other
 * (they share the sign-ins and the ticket), so they run in order. Every main view is saved as a PNG under
 * target/screenshots.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConsoleIT {

    private final SupportDesk desk;
    private final String word = Tickets.uniqueWord("console");
    private final String subject = "Router keeps dropping " + word;
    private Browser alice;
    private Browser colleague;
    private String ticketId;

    AgentConsoleIT(SupportDesk desk) {
        this.desk = desk;
    }

    private Browser alice() {
        if (alice == null) {
            alice = Browser.open(desk.edgeUrl());
        }
        return alice;
    }

    private Browser colleague() {
        if (colleague == null) {
            colleague = Browser.open(desk.edgeUrl());
        }
        return colleague;
    }

    @AfterAll
    void closeBrowsers() {
        if (alice != null) {
            alice.close();
        }
        if (colleague != null) {
            colleague.close();
        }
    }

    @Test
    @Order(1)
    void signInPageHasLabelledFieldsAndSaysWhatIsWrong() {
        Browser b = alice();
        b.go("");
        b.field("User name").sendKeys("alice");
        b.field("Password").sendKeys("not-her-password");
        b.screenshot("01-sign-in");
        b.button("Sign in").click();
        b.waitForText("The user name or the password is not right");
        assertThat(b.has(By.id("sign-out"))).isFalse();
    }

    @Test
    @Order(2)
    void signsInAndShowsWhoIsSignedIn() {
        Browser b = alice();
        b.signIn("alice");
        assertThat(b.textOf(By.id("me-name"))).isEqualTo("Alice Agent");
        b.find(By.cssSelector("table.queue"));
        b.screenshot("02-queue");

        b.find(By.tagName("body")).sendKeys("?");
        WebElement shortcuts = b.find(By.cssSelector("dialog[open]"));
        assertThat(shortcuts.getText()).contains("Keyboard shortcuts").contains("New ticket");
        b.button("Close").click();
        Browser.eventually(
                () -> assertThat(b.has(By.cssSelector("dialog[open]"))).isFalse());
    }

    @Test
    @Order(3)
    void recordsAPhoneTicketOnceEvenOnADoubleClick() {
        Browser b = alice();
        b.button("New ticket").click();
        assertThat(b.field("Channel").getAttribute("value")).isEqualTo("PHONE");
        b.type("Name", "Ruth Requester");
        b.type("Phone", "+44 20 7946 0000");
        b.type("Email", "ruth@example.com");
        b.select("Priority", "High");
        b.select("Customer tier", "Premium");
        b.type("Subject", subject);
        b.type("Description", "The router drops the line every ten minutes since Monday.");
        b.type("Tags", "network, " + word);
        b.screenshot("03-new-ticket");
        b.doubleClick(b.button("Open ticket"));

        await().atMost(Browser.PATIENCE).until(() -> b.has(By.xpath("//h1[normalize-space(.)='" + subject + "']")));
        ticketId = b.textOf(By.cssSelector(".ticket-id"));
        assertThat(b.url()).contains("#/tickets/" + ticketId);
        JsonNode found = queue(desk.as("alice"), Map.of("q", word));
        assertThat(found.path("total").asInt())
                .as("tickets opened by the double click")
                .isEqualTo(1);
        assertThat(found.path("items").get(0).path("channel").asText()).isEqualTo("PHONE");
        b.screenshot("04-ticket-view");
    }

    @Test
    @Order(4)
    void findsTheTicketInTheQueueByFilterAndByText() {
        Browser b = alice();
        b.go("#/queue");
        b.select("Channel", "Phone");
        b.select("Priority", "High");
        b.type("Search", word);
        By row = By.cssSelector("tr[data-ticket='" + ticketId + "']");
        b.find(row);
        Browser.eventually(() -> assertThat(b.url())
                .contains("channel=PHONE")
                .contains("priority=HIGH")
                .contains("q=" + word));
        assertThat(b.textOf(row)).contains(subject).contains("Ruth Requester");

        // The filters live in the URL: a shared link shows the same view, another channel does not.
        b.go("#/queue?channel=EMAIL&q=" + word);
        b.waitForText("No tickets match these filters.");
        b.go("#/queue?tag=" + word);
        b.find(row);
        b.screenshot("05-queue-filtered");
    }

    @Test
    @Order(5)
    void repliesWithAnInternalNoteAndPublicly() {
        Browser b = alice();
        openTicket(b);
        b.choose("Internal note");
        b.type("Internal note (only colleagues see it)", "Line tested from our side: stable.");
        b.button("Add note").click();
        WebElement note = b.find(By.cssSelector(".timeline [data-kind='INTERNAL_NOTE']"));
        assertThat(note.getText()).containsIgnoringCase("Internal note").contains("Line tested from our side");
        String noteLook = note.getAttribute("class");

        b.choose("Public reply");
        b.type("Reply to the customer", "We are sending a new router today.");
        b.button("Send reply").click();
        WebElement reply = b.find(By.cssSelector(".timeline [data-kind='PUBLIC_REPLY']"));
        assertThat(reply.getText()).containsIgnoringCase("Public reply").contains("new router");
        assertThat(reply.getAttribute("class")).isNotEqualTo(noteLook);
        // The first public reply assigned it to the replying agent and met the first-response clock.
        Browser.eventually(() -> assertThat(b.textOf(By.cssSelector(".ticket-meta")))
                .contains("Open")
                .contains("assigned to Alice Agent"));
        b.screenshot("06-conversation");
    }

    @Test
    @Order(6)
    void pendingPausesTheSlaAndResumeRunsItAgain() {
        Browser b = alice();
        openTicket(b);
        String before = slaState(b);
        assertThat(before).isIn("ON_TRACK", "AT_RISK");
        b.button("Mark pending").click();
        b.type("Waiting for (optional)", "the customer to plug in the new router");
        b.button("Mark pending").click();
        Browser.eventually(() -> {
            assertThat(b.textOf(By.cssSelector(".ticket-meta"))).contains("Pending");
            assertThat(slaState(b)).isEqualTo("PAUSED");
        });
        assertThat(b.textOf(By.cssSelector(".ticket-meta .sla"))).contains("Paused");
        b.screenshot("07-pending");

        b.button("Resume").click();
        b.button("Resume").click();
        Browser.eventually(() -> assertThat(slaState(b)).isIn("ON_TRACK", "AT_RISK"));
        assertThat(b.textOf(By.cssSelector(".ticket-meta"))).contains("Open");
    }

    @Test
    @Order(7)
    void theSlaBadgeTurnsBreachedWhileTheQueueIsOpen() {
        Browser b = alice();
        String urgentWord = Tickets.uniqueWord("urgent");
        b.go("#/queue?q=" + urgentWord);
        b.waitForText("No tickets match these filters.");
        // Opened elsewhere: the row appears live, and the 2-second first-response target runs out.
        String urgent = open(desk.as("bob"), openRequest("Server room flooded " + urgentWord, "PHONE", "URGENT"))
                .json()
                .path("id")
                .asText();
        By badge = By.cssSelector("tr[data-ticket='" + urgent + "'] .sla");
        b.find(badge);
        Browser.eventually(() -> {
            assertThat(b.find(badge).getAttribute("data-sla-state")).isEqualTo("BREACHED");
            assertThat(b.textOf(badge)).contains("Breached");
        });
        b.screenshot("08-queue-breached");
    }

    @Test
    @Order(8)
    void resolvesAndReopens() {
        Browser b = alice();
        openTicket(b);
        b.button("Resolve").click();
        b.type("Resolution", "New router installed; line stable for an hour.");
        b.button("Resolve").click();
        Browser.eventually(
                () -> assertThat(b.textOf(By.cssSelector(".ticket-meta"))).contains("Resolved"));
        b.waitForText("resolved it: New router installed");

        b.button("Reopen").click();
        b.type("Why it is reopened", "The customer called: it dropped again.");
        b.button("Reopen").click();
        Browser.eventually(
                () -> assertThat(b.textOf(By.cssSelector(".ticket-meta"))).contains("Open"));
        b.waitForText("reopened it: The customer called");
    }

    @Test
    @Order(9)
    void assignsToAColleaguePickedFromTheUserList() {
        Browser b = alice();
        openTicket(b);
        b.button("Assign…").click();
        b.select("Assignee", "Bob Agent (tier1)");
        b.button("Assign").click();
        Browser.eventually(
                () -> assertThat(b.textOf(By.cssSelector(".ticket-meta"))).contains("assigned to Bob Agent"));
        assertThat(Tickets.detail(desk.as("alice"), ticketId, 1)
                        .path("assignee")
                        .asText())
                .isEqualTo("bob");
        b.waitForText("assigned it to Bob Agent");
        b.screenshot("09-assigned");
    }

    @Test
    @Order(10)
    void aRefusedCommandIsExplainedInWordsBesideTheFormThatSentIt() {
        Browser b = alice();
        openTicket(b);
        b.button("Merge into…").click();
        b.type("Ticket that survives (id)", ticketId);
        b.button("Merge").click();
        WebElement refusal =
                b.find(By.cssSelector("dialog[open] [role='alert'], dialog[open] .field-error:not(:empty)"));
        Browser.eventually(() -> assertThat(refusal.getText()).isNotBlank());
        assertThat(refusal.getText()).doesNotContain("500").doesNotContain("Exception");
        b.screenshot("10-refused-merge");
        b.button("Cancel").click();
        assertThat(Tickets.detail(desk.as("alice"), ticketId, 1).path("status").asText())
                .isEqualTo("OPEN");
    }

    @Test
    @Order(11)
    void anAuditorSeesNoActionAndTheApiRefusesAnAuditorsCommand() {
        Browser b = colleague();
        b.signIn("audrey");
        assertThat(b.findButton("New ticket")).isEmpty();
        openTicket(b);
        b.waitForText("you can read this ticket and its history but not change it");
        assertThat(b.has(By.id("composer-body"))).isFalse();
        for (String action : List.of("Resolve", "Assign…", "Mark pending", "Escalate", "Change priority")) {
            assertThat(b.findButton(action)).as(action).isEmpty();
        }
        b.screenshot("10-auditor");

        ApiResponse refused = desk.as("audrey")
                .post("/api/tickets/" + ticketId + "/replies", Map.of("body", "audit", "visibility", "INTERNAL"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        b.button("Sign out").click();
        b.waitForText("You are signed out.");
        b.field("User name");
    }

    @Test
    @Order(12)
    void colleaguesSeeEachOthersPresenceAndAStaleReplyBecomesACollisionThatKeepsTheDraft() {
        Browser bob = colleague();
        Browser a = alice();
        bob.signIn("bob");
        openTicket(bob);
        openTicket(a);
        a.waitForText("Bob Agent is viewing");
        bob.waitForText("Alice Agent is viewing");

        bob.choose("Internal note");
        String draft = "Checked the router logs: firmware 2.1 is the culprit.";
        bob.field("Internal note (only colleagues see it)").sendKeys(draft);
        a.waitForText("Bob Agent is typing a reply");
        a.screenshot("11-presence-typing");

        // Alice changes the ticket while Bob's draft still stands on the version he loaded.
        a.choose("Internal note");
        a.type("Internal note (only colleagues see it)", "Customer asked for a call back at 5.");
        a.button("Add note").click();
        a.find(By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., 'call back at 5')]"));

        bob.button("Add note").click();
        WebElement collision = bob.find(By.cssSelector(".collision"));
        assertThat(collision.getText())
                .contains("Alice Agent changed this ticket")
                .contains("added an internal note")
                .contains("Your draft is kept");
        assertThat(bob.field("Internal note (only colleagues see it)").getAttribute("value"))
                .isEqualTo(draft);
        assertThat(bob.has(By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., 'firmware 2.1')]")))
                .as("nothing of the stale draft was stored")
                .isFalse();
        bob.screenshot("12-collision");

        bob.button("Show the latest version").click();
        bob.find(By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., 'call back at 5')]"));
        assertThat(bob.field("Internal note (only colleagues see it)").getAttribute("value"))
                .isEqualTo(draft);
        bob.button("Add note").click();
        a.find(By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., 'firmware 2.1')]"));
    }

    @Test
    @Order(13)
    void aChangeInOneConsoleAppearsLiveInTheOther() {
        Browser a = alice();
        Browser bob = colleague();
        openTicket(bob);
        openTicket(a);
        a.button("Change priority").click();
        a.select("Priority", "Urgent");
        a.type("Reason (optional)", "Customer is a hospital");
        a.button("Change priority").click();
        Browser.eventually(() ->
                assertThat(bob.textOf(By.cssSelector(".ticket-meta .priority"))).isEqualTo("Urgent"));
        bob.waitForText("changed the priority from High to Urgent");
    }

    @Test
    @Order(14)
    void theQueueAndTheTicketViewHaveNoSeriousAccessibilityViolation() {
        Browser b = alice();
        b.go("#/queue?q=" + word);
        b.find(By.cssSelector("tr[data-ticket='" + ticketId + "']"));
        assertThat(serious(b.accessibilityViolations())).as("queue").isEmpty();
        openTicket(b);
        b.find(By.cssSelector(".timeline [data-kind='PUBLIC_REPLY']"));
        assertThat(serious(b.accessibilityViolations())).as("ticket view").isEmpty();
    }

    @Test
    @Order(15)
    void thePhoneWidthLayoutHasNoSidewaysScroll() {
        Browser b = alice();
        b.viewport(390, 844);
        try {
            b.go("#/queue?q=" + word);
            b.find(By.cssSelector("tr[data-ticket='" + ticketId + "']"));
            assertThat(b.sidewaysOverflow()).as("queue at 390 px").isLessThanOrEqualTo(0);
            b.screenshot("13-phone-queue");
            openTicket(b);
            b.find(By.cssSelector(".timeline [data-kind='PUBLIC_REPLY']"));
            assertThat(b.sidewaysOverflow()).as("ticket view at 390 px").isLessThanOrEqualTo(0);
            b.screenshot("14-phone-ticket");
            b.go("#/new");
            b.field("Subject");
            assertThat(b.sidewaysOverflow()).as("new ticket at 390 px").isLessThanOrEqualTo(0);
        } finally {
            b.viewport(0, 0);
        }
    }

    private void openTicket(Browser b) {
        b.go("#/tickets/" + ticketId);
        b.find(By.xpath("//h1[normalize-space(.)='" + subject + "']"));
    }

    private static String slaState(Browser b) {
        return b.find(By.cssSelector(".ticket-meta .sla")).getAttribute("data-sla-state");
    }

    private static List<Map<String, Object>> serious(List<Map<String, Object>> violations) {
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }
}
