package dev.supportdesk.edge.routing;

import static dev.supportdesk.edge.routing.Backend.TICKET_COMMAND;
import static dev.supportdesk.edge.routing.Backend.TICKET_QUERY;

import java.util.List;
import java.util.Optional;

import org.springframework.http.server.PathContainer;

/**
 * Which service answers which public /api path. Read top to bottom: the first matching route wins, so a
 * specific route stands above the broader one it carves an exception out of. A path no route matches
 * is not part of the API (404 at the edge).
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The routes of API.md version 1. sla-monitor has no public path yet. */
    public static RouteTable standard() {
        return new RouteTable(List.of(
                // Ticket reads come from the read model, except what only the event store can answer.
                Route.get("/api/tickets/{id}/history", TICKET_COMMAND),
                Route.get("/api/tickets/{id}/as-of", TICKET_COMMAND),
                Route.get("/api/tickets", TICKET_QUERY),
                Route.get("/api/tickets/{id}", TICKET_QUERY),
                // Every ticket command (POST); other methods reach the owner of the writes, which answers 405.
                Route.any("/api/tickets/**", TICKET_COMMAND),

                Route.any("/api/events", TICKET_COMMAND).asStream(),
                Route.any("/api/audit/verify", TICKET_COMMAND),
                Route.any("/api/audit/export", TICKET_COMMAND).asStream(),
                Route.any("/api/audit", TICKET_QUERY),

                Route.any("/api/users/**", TICKET_COMMAND),
                Route.any("/api/sla/**", TICKET_COMMAND),

                Route.any("/api/stream", TICKET_QUERY).asStream(),
                // What-if replays the event store under other policies: the command side owns that.
                Route.post("/api/reports/sla/what-if", TICKET_COMMAND),
                Route.any("/api/reports/**", TICKET_QUERY),
                Route.any("/api/admin/projections/**", TICKET_QUERY)));
    }

    /** @param path the normalised request path, percent-encoded as it is sent on, e.g. {@code /api/tickets/T-7} */
    public Optional<Route> find(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return routes.stream().filter(route -> route.matches(method, container)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
