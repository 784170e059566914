package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The ticket view's remaining actions in real headless Chromium, each on a ticket of its own opened through the
 * API: tags, a customer message, the priority, closing, merging and a supervisor's escalation. Controls are found by
 * their labels and names, and what is asserted is what a person sees: the timeline, the badges, the details.
 * One browser: alice's sign-in first, sam's for the escalation last.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketActionsConsoleIT {

    private static final By META = By.cssSelector(".ticket-meta");

    private final SupportDesk desk;
    private final SignedInBrowsers browsers;
    private final String word = Tickets.uniqueWord("actions");

    TicketActionsConsoleIT(SupportDesk desk) {
        this.desk = desk;
        this.browsers = new SignedInBrowsers(desk.edgeUrl());
    }

    private Browser alice() {
        return browsers.of("alice");
    }

    @AfterAll
    void closeBrowser() {
        browsers.close();
    }

    @Test
    @Order(1)
    void tagsAreAddedAndRemoved() {
        Map<String, Object> request = openRequest("Invoice twice " + word, "EMAIL", "NORMAL");
        request.put("tags", List.of("billing", "refund"));
        String id = openTicket(request);
        Browser b = alice();
        show(b, id, "Invoice twice " + word);
        assertThat(b.textOf(By.cssSelector(".ticket-side"))).contains("billing").contains("refund");

        b.button("Edit tags").click();
        b.waitForText("Now: billing, refund");
        b.type("Add tags (comma-separated)", "vip, " + word);
        b.type("Remove tags (comma-separated)", "billing");
        b.button("Save tags").click();

        b.find(By.xpath("//li[@data-kind='EVENT'][contains(., 'added tags vip, " + word
                + "') and contains(., 'removed tags billing')]"));
        Browser.eventually(() -> assertThat(tagsShown(b)).containsExactlyInAnyOrder("refund", "vip", word));
        b.screenshot("30-tags");

        // The queue's row shows them too, and the tag filter finds the ticket by the new one.
        b.go("#/queue?tag=" + word);
        By row = By.cssSelector("tr[data-ticket='" + id + "']");
        Browser.eventually(() -> assertThat(b.textOf(row)).contains("vip").doesNotContain("billing"));
    }

    @Test
    @Order(2)
    void aCustomerMessageShowsAsTheCustomers() {
        String id = openTicket(openRequest("Call back about the modem " + word, "PHONE", "NORMAL"));
        Browser b = alice();
        show(b, id, "Call back about the modem " + word);
        b.choose("Internal note");
        b.type("Internal note (only colleagues see it)", "Modem serial checked.");
        b.button("Add note").click();
        By note = By.cssSelector(".timeline [data-kind='INTERNAL_NOTE']");
        b.find(note);

        b.button("Customer message").click();
        b.type("What the customer said", "The modem blinks red again since this morning.");
        b.button("Add message").click();

        By message = By.xpath("//ol[contains(@class,'timeline')]/li[@data-kind='CUSTOMER_MESSAGE']"
                + "[contains(., 'blinks red again')]");
        // Looked up afresh each time: the timeline is rendered again when the ticket reloads.
        Browser.eventually(() -> {
            assertThat(b.textOf(message))
                    .containsIgnoringCase("Customer")
                    .contains("Carla Customer")
                    .contains("recorded by Alice Agent");
            assertThat(b.find(message).getAttribute("class"))
                    .isNotEqualTo(b.find(note).getAttribute("class"));
        });
        b.screenshot("31-customer-message");
    }

    @Test
    @Order(3)
    void thePriorityChangeShowsInTheBadgeTheTimelineAndTheQueue() {
        String id = openTicket(openRequest("Slow VPN " + word, "CHAT", "LOW"));
        Browser b = alice();
        show(b, id, "Slow VPN " + word);
        assertThat(b.textOf(By.cssSelector(".ticket-meta .priority"))).isEqualTo("Low");

        b.button("Change priority").click();
        b.select("Priority", "High");
        b.type("Reason (optional)", "Whole sales team affected");
        b.button("Change priority").click();

        Browser.eventually(() ->
                assertThat(b.textOf(By.cssSelector(".ticket-meta .priority"))).isEqualTo("High"));
        b.find(By.xpath("//li[@data-kind='EVENT'][contains(., 'Alice Agent')]"
                + "[contains(., 'changed the priority from Low to High: Whole sales team affected')]"));
        b.go("#/queue?q=" + word + "&priority=HIGH");
        By row = By.cssSelector("tr[data-ticket='" + id + "']");
        assertThat(b.textOf(row)).contains("High");
    }

    @Test
    @Order(4)
    void aResolvedTicketClosesAndThenOffersNothingMore() {
        String id = openTicket(openRequest("Password reset " + word, "WEB", "NORMAL"));
        Browser b = alice();
        show(b, id, "Password reset " + word);
        assertThat(b.findButton("Close"))
                .as("Close before the ticket is resolved")
                .isEmpty();
        b.button("Resolve").click();
        b.type("Resolution", "Reset link sent and used.");
        b.button("Resolve").click();
        Browser.eventually(() -> assertThat(b.textOf(META)).contains("Resolved"));
        assertThat(b.findButton("Reopen")).isPresent();

        b.button("Close").click();
        b.waitForText("A closed ticket cannot be changed again.");
        b.button("Close for good").click();
        Browser.eventually(() -> assertThat(b.textOf(META)).contains("Closed"));
        b.find(By.xpath("//li[@data-kind='EVENT'][contains(., 'Alice Agent closed it')]"));
        b.waitForText("Nothing more can be done with a closed ticket.");
        for (String action :
                List.of("Reopen", "Close", "Resolve", "Change priority", "Edit tags", "Customer message")) {
            assertThat(b.findButton(action)).as(action).isEmpty();
        }
        assertThat(b.has(By.id("composer-body"))).as("composer").isFalse();
        b.screenshot("32-closed");

        // The API agrees: a closed ticket is not reopened.
        ApiResponse reopen =
                desk.as("alice").post("/api/tickets/" + id + "/reopen", Map.of("reason", "customer called"));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(5)
    void mergesIntoAnotherTicketThatGetsANote() {
        String survivor = openTicket(openRequest("No internet at the branch " + word, "PHONE", "HIGH"));
        String duplicate = openTicket(openRequest("Branch offline " + word, "EMAIL", "HIGH"));
        Browser b = alice();
        show(b, duplicate, "Branch offline " + word);
        b.button("Merge into…").click();
        b.type("Ticket that survives (id)", survivor);
        b.button("Merge").click();

        Browser.eventually(() -> assertThat(b.textOf(META)).contains("Closed"));
        b.find(By.xpath("//li[@data-kind='EVENT'][contains(., 'merged it into " + survivor + "')]"));
        WebElement link = b.find(By.xpath("//section[.//h2[.='Details']]//a[normalize-space(.)='" + survivor + "']"));
        b.screenshot("33-merged");
        link.click();

        b.find(By.xpath("//h1[normalize-space(.)='No internet at the branch " + word + "']"));
        WebElement note = b.find(By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., 'Ticket " + duplicate
                + " was merged into this ticket')]"));
        assertThat(note.getText()).containsIgnoringCase("Internal note");
        assertThat(Tickets.detail(desk.as("alice"), duplicate, 1)
                        .path("mergedInto")
                        .asText())
                .isEqualTo(survivor);
    }

    @Test
    @Order(6)
    void aSupervisorEscalatesAndAnAgentIsNotOffered() {
        String subject = "Data centre power " + word;
        String id = openTicket(openRequest(subject, "PHONE", "HIGH"));
        Browser b = alice();
        show(b, id, subject);
        b.find(By.cssSelector(".action-list"));
        assertThat(b.findButton("Escalate")).as("Escalate for an agent").isEmpty();
        ApiResponse refused = desk.as("alice").post("/api/tickets/" + id + "/escalate", Map.of("reason", "urgent"));
        assertThat(refused.status()).isEqualTo(403);

        b.signIn("sam");
        show(b, id, subject);
        b.button("Escalate").click();
        b.type("Reason", "Customer's whole site is down");
        b.button("Escalate").click();

        WebElement line = b.find(By.xpath("//li[@data-kind='EVENT'][contains(., 'Sam Supervisor')]"
                + "[contains(., 'escalated it to level 1: Customer') and contains(., 'whole site is down')]"));
        assertThat(line.getAttribute("class")).contains("event-bad");
        Browser.eventually(
                () -> assertThat(b.textOf(By.cssSelector(".ticket-side"))).contains("Escalated 1 time"));
        b.screenshot("34-escalated");
        JsonNode detail = Tickets.detail(desk.as("sam"), id, 1);
        assertThat(detail.path("sla").path("escalationLevel").asInt()).isEqualTo(1);
    }

    private String openTicket(Map<String, Object> request) {
        return open(desk.as("alice"), request).json().path("id").asText();
    }

    private static void show(Browser b, String id, String subject) {
        b.go("#/tickets/" + id);
        b.find(By.xpath("//h1[normalize-space(.)='" + subject + "']"));
    }

    private static List<String> tagsShown(Browser b) {
        return b.find(By.xpath("//section[.//h2[.='Details']]")).findElements(By.cssSelector(".tag")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
