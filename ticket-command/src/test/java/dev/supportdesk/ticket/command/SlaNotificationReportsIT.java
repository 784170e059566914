package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * sla-monitor's reports of supervisor notifications over HTTP: only the service account may send them, a strict
 * body, and a report of a notification the ticket never asked for is refused without storing anything.
 */
class SlaNotificationReportsIT extends CommandApiTestSupport {

    private Answer report(String id, String notificationId, String body, String user) {
        return post("/api/tickets/" + id + "/sla/notifications/" + notificationId, body)
                .as(user)
                .send();
    }

    @Test
    void aReportOfANotificationTheTicketNeverAskedForIsAConflict() {
        String id = openTicket();
        long rows = eventRows();
        Answer answer = report(id, "n-1", "{\"outcome\":\"DELIVERED\",\"attempts\":1}", "sla-monitor");
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("reason").asText()).isEqualTo("UNKNOWN_NOTIFICATION");
        assertThat(answer.json().get("detail").asText()).contains("n-1");
        Answer failed =
                report(id, "n-1", "{\"outcome\":\"FAILED\",\"attempts\":5,\"error\":\"HTTP 503\"}", "sla-monitor");
        assertThat(failed.status()).as(failed.body()).isEqualTo(409);
        assertThat(eventRows()).isEqualTo(rows);
    }

    @Test
    void aReportOfAnUnknownTicketIsNotFound() {
        Answer answer = report("T-999999", "n-1", "{\"outcome\":\"DELIVERED\",\"attempts\":1}", "sla-monitor");
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    }

    @Test
    void onlyTheServiceAccountMayReport() {
        String id = openTicket();
        Answer answer = report(id, "n-1", "{\"outcome\":\"DELIVERED\",\"attempts\":1}", "ana");
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    }

    @Test
    void aBodyThatIsNotStrictlyAReportIsRefusedAs400() {
        String id = openTicket();
        long rows = eventRows();
        for (String body : new String[] {
            "{\"outcome\":\"SENT\",\"attempts\":1}",
            "{\"outcome\":\"DELIVERED\",\"attempts\":\"1\"}",
            "{\"outcome\":\"DELIVERED\",\"attempts\":-1}",
            "{\"outcome\":\"DELIVERED\"}",
            "{\"attempts\":1}",
            "{\"outcome\":\"DELIVERED\",\"attempts\":1,\"deliveredAt\":\"yesterday\"}",
            "{\"outcome\":\"DELIVERED\",\"attempts\":1} trailing"
        }) {
            Answer answer = report(id, "n-1", body, "sla-monitor");
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(eventRows()).isEqualTo(rows);
    }
}
