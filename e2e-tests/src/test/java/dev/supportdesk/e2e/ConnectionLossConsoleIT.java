package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console loses its connection and finds it again by itself. The browser reaches the edge through a proxy
 * this test owns, so cutting it takes the network away from this browser only; the platform keeps running, and
 * a colleague changes the ticket through the API meanwhile.
 */
@EndToEnd
class ConnectionLossConsoleIT {

    private static final By CONNECTION = By.id("connection");

    private final SupportDesk desk;

    ConnectionLossConsoleIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void showsTheLostConnectionAndCatchesUpWhenItIsBack() {
        String word = Tickets.uniqueWord("offline");
        String subject = "Printer offline " + word;
        String id = open(desk.as("alice"), openRequest(subject, "PHONE", "NORMAL"))
                .json()
                .path("id")
                .asText();
        try (CuttableProxy proxy = CuttableProxy.to(desk.edgeUrl());
                Browser b = Browser.open(proxy.url())) {
            b.signIn("alice");
            b.go("#/tickets/" + id);
            b.find(By.xpath("//h1[normalize-space(.)='" + subject + "']"));
            Browser.eventually(() -> assertThat(b.textOf(CONNECTION)).isEqualTo("Live"));

            proxy.cut();
            Browser.eventually(() -> assertThat(b.textOf(CONNECTION)).isEqualTo("Connection lost. Reconnecting…"));
            b.screenshot("20-connection-lost");

            // A colleague works on while this console cannot hear of it.
            String note = "Called the customer back while the line was down " + word;
            Tickets.command(desk.as("bob"), id, "replies", Map.of("body", note, "visibility", "INTERNAL"));
            By noteOnScreen = By.xpath("//li[@data-kind='INTERNAL_NOTE'][contains(., '" + word + "')]");
            assertThat(b.has(noteOnScreen))
                    .as("seen before the connection is back")
                    .isFalse();
            assertThat(b.textOf(CONNECTION)).isEqualTo("Connection lost. Reconnecting…");

            proxy.restore();
            Browser.eventually(() -> assertThat(b.textOf(CONNECTION)).isEqualTo("Live"));
            Browser.eventually(() -> assertThat(b.textOf(noteOnScreen))
                    .containsIgnoringCase("Internal note")
                    .contains("Bob Agent")
                    .contains(note));
            b.screenshot("21-connection-back");

            // The reopened stream is live again: the next change arrives without any reload.
            Tickets.command(
                    desk.as("bob"), id, "priority", Map.of("priority", "HIGH", "reason", "Whole office affected"));
            Browser.eventually(() -> assertThat(b.textOf(By.cssSelector(".ticket-meta .priority")))
                    .isEqualTo("High"));
        }
    }
}
