package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.edge.routing.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md is the contract: what it marks served is in the public OpenAPI document and answers through
 * the edge, and the document describes nothing the contract does not.
 */
@EndToEnd
class ApiContractIT {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

    private final SupportDesk desk;
    private final ApiContract contract = ApiContract.read();

    ApiContractIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void theContractsTableNamesEveryEndpointItsTextDescribes() {
        Set<String> table =
                contract.endpoints().stream().map(ApiContract.Endpoint::key).collect(Collectors.toSet());

        assertThat(contract.served()).hasSizeGreaterThan(10);
        assertThat(contract.mentioned())
                .allSatisfy(endpoint ->
                        assertThat(table).as("the table of docs/api.md").contains(endpoint));
    }

    @Test
    void everyServedEndpointIsInTheOpenApiDocumentAndNothingElseIs() {
        JsonNode document = openApi();
        Set<String> documented = new java.util.TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (OPERATIONS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        Set<String> served = contract.served().stream()
                .map(ApiContract.Endpoint::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new));

        assertThat(documented)
                .as("/api/openapi.json against what docs/api.md marks served")
                .isEqualTo(served);
        assertThat(document.path("info").path("title").asText()).isEqualTo("Support desk API");
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo(desk.edgeUrl());
        assertThat(document.has("x-unavailable"))
                .as("every backend gave its document")
                .isFalse();
    }

    @Test
    void everyServedEndpointAnswersThroughTheEdge() {
        ApiClient admin = desk.as("admin");
        String ticketId = admin.post(
                        "/api/tickets", openRequest("Contract check " + Tickets.uniqueWord("c"), "API", "LOW"))
                .expect(201)
                .json()
                .path("id")
                .asText();
        // The read model applies the opening asynchronously; the detail is asked for below without waiting.
        admin.get("/api/tickets/" + ticketId + "?minVersion=1").expect(200);
        List<String> notAnswered = new ArrayList<>();
        for (ApiContract.Endpoint endpoint : contract.served()) {
            if (endpoint.path().equals("/api/stream")) {
                continue; // an event stream stays open: its status is checked below without waiting for its end
            }
            String path = endpoint.path()
                    .replace("{id}", ticketId)
                    .replace("{name}", "ticket-projection")
                    .replace("{eventId}", "no-such-event");
            // An empty body is refused by validation (or by the ticket's state): it changes nothing.
            ApiResponse answer = endpoint.method().equals("GET") ? admin.get(path) : admin.post(path, Map.of());
            // The retry of an event nobody parked, a verification job nobody started or a policy nobody defined is
            // the endpoint's own 404, not a missing route.
            boolean endpointsOwnAnswer = answer.status() == 404
                    && (answer.toString().contains("has no parked event")
                            || answer.toString().contains("No such verification")
                            || answer.toString().contains("No SLA policy"));
            if (answer.status() == 404 && !endpointsOwnAnswer || answer.status() >= 500) {
                notAnswered.add(answer.toString());
            }
        }

        assertThat(notAnswered)
                .as("served endpoints that did not answer through the edge")
                .isEmpty();
        assertThat(streamStatus()).isEqualTo(200);
        // The replay endpoint above started a real rebuild of the ticket read model: the suites after this one
        // wait for their own writes with minVersion, so the switch-over must be behind them.
        await().atMost(Duration.ofMinutes(3)).until(() -> noReplayRuns(admin));
    }

    private static boolean noReplayRuns(ApiClient admin) {
        for (JsonNode projection :
                admin.get("/api/admin/projections").expect(200).json().path("items")) {
            String state = projection.path("replay").path("state").asText("");
            if (state.equals("RUNNING") || state.equals("SWITCHING")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void plannedEndpointsAreNotPublicYet() {
        RouteTable routes = RouteTable.standard();
        for (ApiContract.Endpoint endpoint : contract.endpoints()) {
            String path = endpoint.path().replaceAll("\\{[^}]+}", "x");
            // A planned endpoint the edge already routes must have its service: RouteCoverageIT checks that.
            if (endpoint.served()
                    || !endpoint.method().equals("GET")
                    || routes.find("GET", path).isPresent()) {
                continue;
            }
            ApiResponse answer = desk.as("admin").get(path);
            assertThat(answer.status())
                    .as("%s is marked planned: %s", endpoint.key(), answer)
                    .isEqualTo(404);
        }
    }

    private int streamStatus() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(desk.edgeUrl() + "/api/stream"))
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode openApi() {
        ApiResponse answer = desk.anonymous().get("/api/openapi.json").expect(200);
        assertThat(answer.contentType()).startsWith("application/json");
        return answer.json();
    }
}
