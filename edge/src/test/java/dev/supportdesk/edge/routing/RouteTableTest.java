package dev.supportdesk.edge.routing;

import static dev.supportdesk.edge.routing.Backend.TICKET_COMMAND;
import static dev.supportdesk.edge.routing.Backend.TICKET_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.standard();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // commands
            "POST, /api/tickets, TICKET_COMMAND",
            "POST, /api/tickets/T-7/assign, TICKET_COMMAND",
            "POST, /api/tickets/T-7/replies, TICKET_COMMAND",
            "POST, /api/tickets/T-7/merge, TICKET_COMMAND",
            "POST, /api/tickets/T-7/sla/breaches, TICKET_COMMAND",
            // reads the event store answers
            "GET, /api/tickets/T-7/history, TICKET_COMMAND",
            "GET, /api/tickets/T-7/as-of, TICKET_COMMAND",
            "GET, /api/events, TICKET_COMMAND",
            "GET, /api/audit/verify, TICKET_COMMAND",
            "GET, /api/audit/export, TICKET_COMMAND",
            "GET, /api/users, TICKET_COMMAND",
            "GET, /api/sla/policies, TICKET_COMMAND",
            "PUT, /api/sla/policies/default, TICKET_COMMAND",
            "PUT, /api/sla/calendars/eu-office, TICKET_COMMAND",
            "POST, /api/reports/sla/what-if, TICKET_COMMAND",
            // read models
            "GET, /api/tickets, TICKET_QUERY",
            "HEAD, /api/tickets, TICKET_QUERY",
            "GET, /api/tickets/T-7, TICKET_QUERY",
            "GET, /api/stream, TICKET_QUERY",
            "GET, /api/audit, TICKET_QUERY",
            "GET, /api/reports/sla, TICKET_QUERY",
            "GET, /api/reports/volume, TICKET_QUERY",
            "GET, /api/reports/backlog, TICKET_QUERY",
            "GET, /api/admin/projections, TICKET_QUERY",
            "POST, /api/admin/projections/ticket-queue/replay, TICKET_QUERY",
    })
    void routesEveryApiPathToItsOwner(String method, String path, Backend expected) {
        assertThat(table.find(method, path)).get().extracting(Route::backend).isEqualTo(expected);
    }

    @Test
    void sendsOtherMethodsOnATicketToTheServiceThatOwnsItsWritesSoThatItAnswers405() {
        assertThat(table.find("DELETE", "/api/tickets/T-7")).get().extracting(Route::backend).isEqualTo(TICKET_COMMAND);
        assertThat(table.find("PUT", "/api/tickets")).get().extracting(Route::backend).isEqualTo(TICKET_COMMAND);
    }

    @Test
    void onlyTheWhatIfReportGoesToTheCommandSide() {
        assertThat(table.find("GET", "/api/reports/sla/what-if")).get().extracting(Route::backend).isEqualTo(TICKET_QUERY);
    }

    @Test
    void knowsNoPathOutsideTheApi() {
        for (String path : List.of("/api", "/api/", "/api/nothing", "/api/ticketsx", "/api/audit/other",
                "/api/admin/other", "/api/usersx")) {
            assertThat(table.find("GET", path)).as(path).isEmpty();
        }
    }

    @Test
    void marksLongLivedAnswersAsStreaming() {
        assertThat(table.find("GET", "/api/stream")).get().extracting(Route::streaming).isEqualTo(true);
        assertThat(table.find("GET", "/api/events")).get().extracting(Route::streaming).isEqualTo(true);
        assertThat(table.find("GET", "/api/audit/export")).get().extracting(Route::streaming).isEqualTo(true);
        assertThat(table.find("GET", "/api/tickets")).get().extracting(Route::streaming).isEqualTo(false);
    }

    @Test
    void aSpecificRouteAboveABroadOneWinsBecauseTheTableIsReadInOrder() {
        RouteTable carvedOut = new RouteTable(List.of(
                Route.get("/api/things/special", TICKET_QUERY),
                Route.any("/api/things/**", TICKET_COMMAND)));

        assertThat(carvedOut.find("GET", "/api/things/special")).get().extracting(Route::backend).isEqualTo(TICKET_QUERY);
        assertThat(carvedOut.find("POST", "/api/things/special")).get().extracting(Route::backend).isEqualTo(TICKET_COMMAND);
        assertThat(carvedOut.find("GET", "/api/things")).get().extracting(Route::backend).isEqualTo(TICKET_COMMAND);
    }
}
