package dev.supportdesk.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private final Ledger ledger = new Ledger(1, new Verdicts(List.of()));

    @Test
    void anEventOfARequestAnswered2xxIsAccountedFor() {
        ledger.record(request(1, "hx-1-1"), answer(200, "hx-1-1"));

        ledger.checkEvents(List.of(event("hx-1-1", "AGENT")), index -> "#" + index);

        assertThat(ledger.failures()).isEmpty();
    }

    @Test
    void anEventOfARefusedRequestIsAFailure() {
        ledger.record(request(2, "hx-1-2"), answer(409, "hx-1-2"));

        ledger.checkEvents(List.of(event("hx-1-2", "AGENT")), index -> "#" + index);

        assertThat(ledger.failures()).singleElement().asString().contains("a refused request stored an event", "#2");
    }

    @Test
    void anEventWhoseCorrelationIdTheServerChoseIsTracedByTheEcho() {
        ledger.record(request(3, null), answer(201, "server-chosen"));
        ledger.record(request(4, null), answer(400, "refused-echo"));

        ledger.checkEvents(
                List.of(event("server-chosen", "AGENT"), event("refused-echo", "SUPERVISOR")), index -> "#" + index);

        assertThat(ledger.failures()).singleElement().asString().contains("#4");
    }

    @Test
    void anEventNoAnswerAccountsForIsAFailureUnlessSlaMonitorsOwn() {
        ledger.checkEvents(
                List.of(event("someone-else", "ADMIN"), event("deadline-7", "SYSTEM")), index -> "#" + index);

        assertThat(ledger.failures()).singleElement().asString().contains("no 2xx answer accounts for", "someone-else");
    }

    @Test
    void theSummaryCountsPerStatusClass() {
        ledger.record(request(5, "hx-1-5"), answer(200, "hx-1-5"));
        ledger.record(request(6, "hx-1-6"), answer(404, "hx-1-6"));

        assertThat(ledger.summary()).startsWith("2xx=1 3xx=0 4xx=1 5xx=0 unanswered=0");
    }

    private static HostileRequest request(int index, String correlationId) {
        return new HostileRequest(
                index,
                "test",
                "POST",
                "/api/tickets/T-1/close",
                "HTTP/1.1",
                true,
                List.of(),
                "{}",
                HostileRequest.Framing.LENGTH,
                Caller.person("alice"),
                correlationId,
                HostileRequest.Expectation.ANY,
                0);
    }

    private static Answer answer(int status, String echoed) {
        String body = status >= 400 ? "{\"status\":" + status + "}" : "{}";
        String type = status >= 400 ? "application/problem+json" : "application/json";
        return new Answer(
                status,
                "HTTP/1.1 " + status,
                List.of(
                        new AbstractMap.SimpleImmutableEntry<>("Content-Type", type),
                        new AbstractMap.SimpleImmutableEntry<>("X-Correlation-Id", echoed)),
                body,
                null,
                1,
                false);
    }

    private static StoredEvents.Event event(String correlationId, String role) {
        return new StoredEvents.Event(10, "T-1", 3, "TicketClosedEvent", "alice", role, correlationId);
    }
}
