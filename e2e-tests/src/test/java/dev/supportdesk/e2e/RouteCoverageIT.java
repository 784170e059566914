package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.edge.routing.Backend;
import dev.supportdesk.edge.routing.EdgeEndpoint;
import dev.supportdesk.edge.routing.Route;
import dev.supportdesk.edge.routing.RouteTable;
import dev.supportdesk.launcher.Service;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The edge's route table against what the services serve, as each running service describes its own
 * request mappings (springdoc, which leaves out only the internal SLA recording endpoints): every public
 * /api operation of a service is routed to that service, and every route leads to an operation some
 * service serves. The one exception is an endpoint docs/api.md marks planned whose route exists ahead of
 * its service; once a service serves it, the contract must say served.
 */
@EndToEnd
class RouteCoverageIT {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * One operation a service serves, e.g. POST /api/tickets/{id}/assign. {@code projection} is the name of a
     * consumer the service runs: the admin endpoints are one mapping in every service, for its own consumers.
     */
    private record Operation(Backend backend, String method, String template, String projection) {

        String example() {
            return template.replace("{name}", projection == null ? "x" : projection)
                    .replaceAll("\\{[^/}]+}", "x");
        }
    }

    private final SupportDesk desk;
    private final RouteTable routes = RouteTable.standard();
    private final ApiContract contract = ApiContract.read();

    RouteCoverageIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void everyPublicPathAServiceServesIsRoutedToThatService() {
        List<String> unrouted = new ArrayList<>();
        for (Operation operation : servedOperations()) {
            boolean routed = routes.find(operation.method(), operation.example())
                    .map(route -> route.proxied()
                            ? route.backend() == operation.backend()
                            : route.edge() == EdgeEndpoint.PROJECTIONS
                                    && projectionServices().contains(operation.backend()))
                    .orElse(false);
            if (!routed) {
                unrouted.add(operation.method() + " " + operation.template() + " ("
                        + operation.backend().serviceName() + ")");
            }
        }

        assertThat(servedOperations()).hasSizeGreaterThan(10);
        assertThat(unrouted)
                .as("served by a service, not routed by the edge to it")
                .isEmpty();
    }

    @Test
    void everyRouteLeadsToWhatAServiceServes() {
        List<Operation> served = servedOperations();
        List<String> unserved = new ArrayList<>();
        for (Route route : routes.routes()) {
            if (!route.proxied()) {
                if (route.edge() == EdgeEndpoint.PROJECTIONS) {
                    for (Backend backend : projectionServices()) {
                        if (served.stream()
                                        .noneMatch(op -> op.backend() == backend
                                                && op.method().equals("GET")
                                                && op.template().equals("/api/admin/projections"))
                                && !plannedIn(route)) {
                            unserved.add(route + " (not served by " + backend.serviceName() + ")");
                        }
                    }
                }
                continue; // the API description is the edge's own: ApiContractIT checks it
            }
            boolean leadsSomewhere = served.stream()
                    .anyMatch(op -> op.backend() == route.backend()
                            && (route.methods().isEmpty() || route.methods().contains(op.method()))
                            && route.pattern().matches(PathContainer.parsePath(op.example())));
            if (!leadsSomewhere && !plannedIn(route)) {
                unserved.add(route.toString());
            }
        }

        assertThat(unserved).as("routed by the edge, served by nobody").isEmpty();
    }

    @Test
    void whatTheContractCallsPlannedNoServiceServesYet() {
        List<Operation> served = servedOperations();
        List<String> servedButPlanned = contract.endpoints().stream()
                .filter(endpoint -> !endpoint.served())
                .filter(endpoint -> served.stream()
                        .anyMatch(op -> op.method().equals(endpoint.method())
                                && op.template()
                                        .replaceAll("\\{[^/}]+}", "{}")
                                        .equals(endpoint.path().replaceAll("\\{[^/}]+}", "{}"))))
                .map(ApiContract.Endpoint::key)
                .toList();

        assertThat(servedButPlanned)
                .as("served today: mark them served in docs/api.md")
                .isEmpty();
    }

    /** Whether the route covers an endpoint docs/api.md marks planned (either path may be the more specific). */
    private boolean plannedIn(Route route) {
        String routeExample = route.pattern().getPatternString().replaceAll("\\{[^/}]+}", "x");
        return contract.endpoints().stream()
                .filter(endpoint -> !endpoint.served())
                .anyMatch(endpoint ->
                        (route.methods().isEmpty() || route.methods().contains(endpoint.method()))
                                && (route.pattern()
                                                .matches(PathContainer.parsePath(
                                                        endpoint.path().replaceAll("\\{[^/}]+}", "x")))
                                        || PathPatternParser.defaultInstance
                                                .parse(endpoint.path())
                                                .matches(PathContainer.parsePath(routeExample))));
    }

    /** The first consumer a service lists in its own admin view, or null when it runs none. */
    private String firstProjection(Service service) {
        ApiResponse answer = new ApiClient(desk.serviceUrl(service), "admin", "admin").get("/api/admin/projections");
        if (answer.status() != 200) {
            return null;
        }
        return answer.json().path("items").path(0).path("name").asText(null);
    }

    private static Set<Backend> projectionServices() {
        return Set.of(Backend.TICKET_QUERY, Backend.SLA_MONITOR);
    }

    private List<Operation> servedOperations() {
        Map<Backend, Service> services = new EnumMap<>(Backend.class);
        services.put(Backend.TICKET_COMMAND, Service.TICKET_COMMAND);
        services.put(Backend.TICKET_QUERY, Service.TICKET_QUERY);
        services.put(Backend.SLA_MONITOR, Service.SLA_MONITOR);
        List<Operation> operations = new ArrayList<>();
        services.forEach((backend, service) -> {
            ApiResponse answer = new ApiClient(desk.serviceUrl(service), null, null)
                    .get("/v3/api-docs")
                    .expect(200);
            String projection = firstProjection(service);
            answer.json().path("paths").properties().forEach(path -> {
                if (!path.getKey().startsWith("/api/")) {
                    return;
                }
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (OPERATIONS.contains(method)) {
                        operations.add(
                                new Operation(backend, method.toUpperCase(Locale.ROOT), path.getKey(), projection));
                    }
                });
            });
        });
        return operations;
    }
}
