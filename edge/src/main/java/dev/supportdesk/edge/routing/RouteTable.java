package dev.supportdesk.edge.routing;

import static dev.supportdesk.edge.routing.Backend.SLA_MONITOR;
import static dev.supportdesk.edge.routing.Backend.TICKET_COMMAND;
import static dev.supportdesk.edge.routing.Backend.TICKET_QUERY;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;

/**
 * Which service answers which public /api path. Read top to bottom: the first matching route wins, so a
 * specific route stands above the broader one it carves an exception out of. A path no route matches
 * is not part of the API (404 at the edge).
 * <p>
 * The table lists only what some service serves today (docs/api.md marks the rest as planned); a test
 * compares it with the services' own request mappings. Routes that take every method send a wrong
 * method to the path's owner, which answers 405 with its {@code Allow} header.
 */
public final class RouteTable {

    /** The ticket commands of ticket-command, each {@code POST /api/tickets/{id}/<command>}. */
    static final List<String> TICKET_COMMANDS = List.of(
            "assign",
            "replies",
            "customer-messages",
            "priority",
            "pending",
            "resume",
            "resolve",
            "reopen",
            "close",
            "tags",
            "escalate",
            "merge");

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * The served routes of docs/api.md. The SLA warning and breach endpoints under
     * {@code /api/tickets/{id}/sla/} are missing on purpose: only sla-monitor's service account calls
     * them, on ticket-command directly, so the public origin answers 404.
     */
    public static RouteTable standard() {
        List<Route> table = new ArrayList<>();
        // The queue is a read model; opening a ticket (and any other method) belongs to the command side.
        table.add(Route.get("/api/tickets", TICKET_QUERY));
        table.add(Route.any("/api/tickets", TICKET_COMMAND));
        table.add(Route.any("/api/tickets/{id}", TICKET_QUERY));
        // History, as-of views and the global feed come from the event store itself.
        table.add(Route.any("/api/tickets/{id}/history", TICKET_COMMAND));
        // The SLA explanation too; the SYSTEM endpoints below /sla/ stay off the public origin.
        table.add(Route.any("/api/tickets/{id}/sla", TICKET_COMMAND));
        table.add(Route.any("/api/tickets/{id}/as-of", TICKET_COMMAND));
        table.add(Route.any("/api/events", TICKET_COMMAND));
        for (String command : TICKET_COMMANDS) {
            table.add(Route.any("/api/tickets/{id}/" + command, TICKET_COMMAND));
        }
        // Who is on a ticket right now: a table every ticket-query instance shares.
        table.add(Route.any("/api/tickets/{id}/presence", TICKET_QUERY));
        table.add(Route.any("/api/users", TICKET_COMMAND));
        // The console's sign-in; every backend accepts the session cookie it sets.
        table.add(Route.any("/api/session", TICKET_COMMAND));
        // The audit chain's verification, checkpoints and export are the event store's (docs/audit.md).
        table.add(Route.any("/api/audit", TICKET_COMMAND));
        table.add(Route.any("/api/audit/verify", TICKET_COMMAND));
        table.add(Route.any("/api/audit/verify/{id}", TICKET_COMMAND));
        table.add(Route.any("/api/audit/checkpoints", TICKET_COMMAND));
        table.add(Route.any("/api/audit/public-key", TICKET_COMMAND));
        table.add(Route.any("/api/audit/export", TICKET_COMMAND).asStream());
        // The SLA configuration and a ticket's SLA explanation come from the command side's store.
        table.add(Route.any("/api/sla/policies", TICKET_COMMAND));
        table.add(Route.any("/api/sla/policies/{name}", TICKET_COMMAND));
        table.add(Route.any("/api/sla/policies/{name}/deactivate", TICKET_COMMAND));
        table.add(Route.any("/api/sla/calendars", TICKET_COMMAND));
        table.add(Route.any("/api/sla/calendars/{name}", TICKET_COMMAND));
        table.add(Route.any("/api/stream", TICKET_QUERY).asStream());

        // Each consumer of the topic reports on itself; the edge lists both in one answer.
        table.add(Route.edge("/api/admin/projections", EdgeEndpoint.PROJECTIONS));
        table.add(Route.any("/api/admin/projections/ticket-sla/parked/{eventId}/retry", SLA_MONITOR));
        table.add(Route.any("/api/admin/projections/{name}/parked/{eventId}/retry", TICKET_QUERY));
        // Rebuilds of read models: ticket-query's are the ones that can be rebuilt.
        table.add(Route.any("/api/admin/projections/{name}/replay", TICKET_QUERY));

        // Reports are read models of their own in ticket-query.
        table.add(Route.any("/api/reports/sla", TICKET_QUERY));
        table.add(Route.any("/api/reports/sla/what-if", TICKET_QUERY));
        table.add(Route.any("/api/reports/volume", TICKET_QUERY));
        table.add(Route.any("/api/reports/backlog", TICKET_QUERY));

        table.add(Route.edge("/api/openapi.json", EdgeEndpoint.OPENAPI));
        table.add(Route.edge("/api/docs", EdgeEndpoint.API_DOCS));
        return new RouteTable(table);
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
