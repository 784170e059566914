package dev.supportdesk.edge.routing;

import static dev.supportdesk.edge.routing.Backend.SLA_MONITOR;
import static dev.supportdesk.edge.routing.Backend.TICKET_COMMAND;
import static dev.supportdesk.edge.routing.Backend.TICKET_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    private final RouteTable table = RouteTable.standard();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // commands
        "POST, /api/tickets, TICKET_COMMAND",
        "POST, /api/tickets/T-7/assign, TICKET_COMMAND",
        "POST, /api/tickets/T-7/replies, TICKET_COMMAND",
        "POST, /api/tickets/T-7/customer-messages, TICKET_COMMAND",
        "POST, /api/tickets/T-7/merge, TICKET_COMMAND",
        "POST, /api/tickets/T-7/escalate, TICKET_COMMAND",
        // reads the event store answers
        "GET, /api/tickets/T-7/history, TICKET_COMMAND",
        "GET, /api/tickets/T-7/sla, TICKET_COMMAND",
        "GET, /api/tickets/T-7/as-of, TICKET_COMMAND",
        "GET, /api/events, TICKET_COMMAND",
        "GET, /api/users, TICKET_COMMAND",
        // the console's session
        "POST, /api/session, TICKET_COMMAND",
        "GET, /api/session, TICKET_COMMAND",
        "DELETE, /api/session, TICKET_COMMAND",
        // the SLA configuration
        "GET, /api/sla/policies, TICKET_COMMAND",
        "PUT, /api/sla/policies/vip, TICKET_COMMAND",
        "POST, /api/sla/policies/vip/deactivate, TICKET_COMMAND",
        "GET, /api/sla/calendars, TICKET_COMMAND",
        "PUT, /api/sla/calendars/office, TICKET_COMMAND",
        // read models
        "GET, /api/tickets, TICKET_QUERY",
        "HEAD, /api/tickets, TICKET_QUERY",
        "GET, /api/tickets/T-7, TICKET_QUERY",
        "GET, /api/stream, TICKET_QUERY",
        "PUT, /api/tickets/T-7/presence, TICKET_QUERY",
        "GET, /api/tickets/T-7/presence, TICKET_QUERY",
        "DELETE, /api/tickets/T-7/presence, TICKET_QUERY",
        // projections: the SLA monitor's own, and the read models'
        "POST, /api/admin/projections/ticket-sla/parked/ev-1/retry, SLA_MONITOR",
        "POST, /api/admin/projections/ticket-projection/parked/ev-1/retry, TICKET_QUERY",
        "POST, /api/admin/projections/ticket-reports/replay, TICKET_QUERY",
        // reports
        "GET, /api/reports/sla, TICKET_QUERY",
        "GET, /api/reports/volume, TICKET_QUERY",
        "GET, /api/reports/backlog, TICKET_QUERY",
    })
    void routesEveryServedApiPathToItsOwner(String method, String path, Backend expected) {
        assertThat(table.find(method, path)).get().extracting(Route::backend).isEqualTo(expected);
    }

    @Test
    void sendsOtherMethodsToThePathsOwnerSoThatItAnswers405() {
        assertThat(table.find("DELETE", "/api/tickets/T-7"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_QUERY);
        assertThat(table.find("PUT", "/api/tickets"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_COMMAND);
        assertThat(table.find("GET", "/api/tickets/T-7/assign"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_COMMAND);
        assertThat(table.find("GET", "/api/admin/projections/ticket-sla/parked/ev-1/retry"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(SLA_MONITOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/tickets/T-7/sla/warnings", "/api/tickets/T-7/sla/breaches"})
    void keepsTheSlaMonitorsOwnEndpointsOffThePublicOrigin(String path) {
        assertThat(table.find("POST", path)).isEmpty();
        assertThat(table.find("GET", path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/audit",
        "GET, /api/audit/verify",
        "POST, /api/audit/verify",
        "GET, /api/audit/verify/3f2a",
        "GET, /api/audit/checkpoints",
        "POST, /api/audit/checkpoints",
        "GET, /api/audit/public-key",
        "GET, /api/audit/export",
    })
    void sendsTheAuditTrailToTheEventStoresService(String method, String path) {
        assertThat(table.find(method, path)).get().extracting(Route::backend).isEqualTo(TICKET_COMMAND);
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/reports/sla",
        "POST, /api/reports/sla/what-if",
        "GET, /api/reports/volume",
        "GET, /api/reports/backlog",
    })
    void sendsTheReportsAndTheWhatIfToTheReadSide(String method, String path) {
        assertThat(table.find(method, path)).get().extracting(Route::backend).isEqualTo(TICKET_QUERY);
    }

    @Test
    void answersTheProjectionsListTheApiDocumentAndItsPageAtTheEdge() {
        assertThat(table.find("GET", "/api/admin/projections"))
                .get()
                .extracting(Route::edge)
                .isEqualTo(EdgeEndpoint.PROJECTIONS);
        assertThat(table.find("GET", "/api/openapi.json"))
                .get()
                .extracting(Route::edge)
                .isEqualTo(EdgeEndpoint.OPENAPI);
        assertThat(table.find("GET", "/api/docs")).get().extracting(Route::edge).isEqualTo(EdgeEndpoint.API_DOCS);
        assertThat(table.find("POST", "/api/admin/projections")).isEmpty();
        assertThat(table.find("POST", "/api/openapi.json")).isEmpty();
    }

    @Test
    void knowsNoPathOutsideTheApi() {
        for (String path : List.of(
                "/api",
                "/api/",
                "/api/nothing",
                "/api/ticketsx",
                "/api/tickets/",
                "/api/audit/other",
                "/api/admin/other",
                "/api/usersx",
                "/api/users/alice",
                "/api/tickets/T-7/unknown-command")) {
            assertThat(table.find("GET", path)).as(path).isEmpty();
            assertThat(table.find("POST", path)).as(path).isEmpty();
        }
    }

    @Test
    void marksLongLivedAnswersAsStreaming() {
        assertThat(table.find("GET", "/api/stream"))
                .get()
                .extracting(Route::streaming)
                .isEqualTo(true);
        assertThat(table.find("GET", "/api/tickets"))
                .get()
                .extracting(Route::streaming)
                .isEqualTo(false);
    }

    @Test
    void aSpecificRouteAboveABroadOneWinsBecauseTheTableIsReadInOrder() {
        RouteTable carvedOut = new RouteTable(
                List.of(Route.get("/api/things/special", TICKET_QUERY), Route.any("/api/things/**", TICKET_COMMAND)));

        assertThat(carvedOut.find("GET", "/api/things/special"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_QUERY);
        assertThat(carvedOut.find("POST", "/api/things/special"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_COMMAND);
        assertThat(carvedOut.find("GET", "/api/things"))
                .get()
                .extracting(Route::backend)
                .isEqualTo(TICKET_COMMAND);
    }
}
