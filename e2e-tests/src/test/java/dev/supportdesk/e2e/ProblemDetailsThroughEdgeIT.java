package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refusals travel through the edge unchanged: the status codes of the API and problem+json bodies,
 * whether the backend or the security layer refuses. (Every refusal of every endpoint is tested in the
 * services; this proves the edge neither swallows nor rewrites them.)
 */
@EndToEnd
class ProblemDetailsThroughEdgeIT {

    private final SupportDesk desk;

    ProblemDetailsThroughEdgeIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void withoutCredentialsTheQueueIs401() {
        ApiResponse answer = desk.anonymous().get("/api/tickets");

        assertProblem(answer, 401);
        assertThat(answer.header("WWW-Authenticate"))
                .as("Basic is offered: %s", answer)
                .containsIgnoringCase("Basic");
    }

    @Test
    void aWrongPasswordIs401() {
        assertProblem(desk.as("alice", "not-alice").get("/api/tickets"), 401);
    }

    @Test
    void anAuditorMayNotOpenATicket() {
        String word = Tickets.uniqueWord("audit");
        ApiResponse answer =
                desk.as("audrey").post("/api/tickets", openRequest("Auditors only read " + word, "API", "LOW"));

        assertProblem(answer, 403);
        assertThat(Tickets.queue(desk.as("audrey"), Map.of("q", word))
                        .path("total")
                        .asInt())
                .as("a refused command stores nothing")
                .isZero();
    }

    @Test
    void malformedJsonIs400() {
        ApiResponse answer =
                desk.as("alice").postRaw("/api/tickets", "{\"subject\": \"half a ticket\", ", "application/json");

        assertProblem(answer, 400);
    }

    @Test
    void anUnknownTicketIs404() {
        assertProblem(desk.as("alice").get("/api/tickets/T-does-not-exist"), 404);
        assertProblem(desk.as("alice").post("/api/tickets/T-does-not-exist/assign", Map.of("assignee", "alice")), 404);
    }

    private static void assertProblem(ApiResponse answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("%s", answer).isEqualTo(status);
        assertThat(problem.path("title").asText()).as("%s", answer).isNotBlank();
        assertThat(answer.body())
                .as("no stack trace in %s", answer)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }
}
