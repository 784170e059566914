package dev.supportdesk.edge.openapi;

import static dev.supportdesk.edge.proxy.StubBackendHandlers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.edge.proxy.StubBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ticket-command and ticket-query serve their documents; sla-monitor is down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "edge.openapi.cache-ttl=1h")
class OpenApiIT {

    private static final String COMMAND_DOC = """
            {"openapi":"3.0.1","info":{"title":"OpenAPI definition","version":"v0"},
             "servers":[{"url":"http://127.0.0.1:8081"}],
             "tags":[{"name":"ticket-command-controller"}],
             "paths":{
               "/api/tickets":{"post":{"operationId":"open","responses":{"201":{"description":"Created",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Answer"}}}}}}},
               "/api/tickets/{id}/sla/breaches":{"post":{"operationId":"breach","responses":{"200":{"description":"OK"}}}},
               "/api/users":{"get":{"operationId":"users","responses":{"200":{"description":"OK"}}}},
               "/api/session":{"post":{"operationId":"signIn","responses":{"200":{"description":"OK"}}},
                   "delete":{"operationId":"signOut","responses":{"204":{"description":"No Content"}}}}},
             "components":{"schemas":{
               "Answer":{"type":"object","properties":{"id":{"type":"string"},"version":{"type":"integer"}}},
               "Problem":{"type":"object","properties":{"status":{"type":"integer"}}}}}}
            """;
    private static final String QUERY_DOC = """
            {"openapi":"3.0.1","info":{"title":"OpenAPI definition","version":"v0"},
             "paths":{
               "/api/tickets":{"get":{"operationId":"queue","responses":{"200":{"description":"OK",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
               "/api/tickets/{id}":{"get":{"operationId":"detail","responses":{"200":{"description":"OK"}}}},
               "/api/admin/projections":{"get":{"operationId":"projections","responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{
               "Problem":{"type":"object","properties":{"status":{"type":"integer"},"errors":{"type":"array"}}}}}}
            """;

    static final StubBackend command = StubBackend.start("ticket-command");
    static final StubBackend query = StubBackend.start("ticket-query");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        command.on("/v3/api-docs", json(200, COMMAND_DOC));
        query.on("/v3/api-docs", json(200, QUERY_DOC));
        registry.add("edge.backends.ticket-command", () -> command.baseUrl().toString());
        registry.add("edge.backends.ticket-query", () -> query.baseUrl().toString());
        registry.add("edge.backends.sla-monitor", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopBackends() {
        command.close();
        query.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void mergesTheBackendsDocumentsIntoOneForThePublicOrigin() throws Exception {
        HttpResponse<String> response = get("/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode document = json.readTree(response.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Support desk API");
        assertThat(document.path("servers"))
                .extracting(server -> server.path("url").asText())
                .containsExactly("http://127.0.0.1:" + port);
        assertThat(document.path("paths").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "/api/tickets",
                        "/api/users",
                        "/api/session",
                        "/api/tickets/{id}",
                        "/api/admin/projections",
                        "/api/openapi.json",
                        "/api/docs");
        assertThat(document.path("paths").path("/api/tickets").has("get")).isTrue();
        assertThat(document.path("paths").path("/api/tickets").has("post")).isTrue();
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("basicAuth")
                        .path("scheme")
                        .asText())
                .isEqualTo("basic");
        assertThat(document.path("x-unavailable")).extracting(JsonNode::asText).containsExactly("sla-monitor");
    }

    @Test
    void everyOperationTakesBasicOrTheSessionCookieWhichAChangeSendsWithItsCsrfToken() throws Exception {
        JsonNode document = json.readTree(get("/api/openapi.json").body());
        JsonNode schemes = document.path("components").path("securitySchemes");
        JsonNode paths = document.path("paths");

        assertThat(schemes.path("sessionCookie").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("sessionCookie").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("sessionCookie").path("name").asText()).isEqualTo("SUPPORT_SESSION");
        assertThat(schemes.path("csrfToken").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("csrfToken").path("name").asText()).isEqualTo("X-CSRF-Token");
        assertThat(document.path("security").toString()).isEqualTo("[{\"basicAuth\":[]},{\"sessionCookie\":[]}]");
        for (String read : new String[] {"/api/tickets", "/api/tickets/{id}", "/api/users", "/api/admin/projections"}) {
            assertThat(paths.path(read).path("get").path("security").toString())
                    .as("GET %s", read)
                    .isEqualTo("[{\"basicAuth\":[]},{\"sessionCookie\":[]}]");
        }
        for (String[] change : new String[][] {{"/api/tickets", "post"}, {"/api/session", "delete"}}) {
            assertThat(paths.path(change[0]).path(change[1]).path("security").toString())
                    .as("%s %s", change[1], change[0])
                    .isEqualTo("[{\"basicAuth\":[]},{\"sessionCookie\":[],\"csrfToken\":[]}]");
        }
        // Signing in and the API's own description need no credential at all.
        assertThat(paths.path("/api/session").path("post").path("security").toString())
                .isEqualTo("[]");
        assertThat(paths.path("/api/openapi.json").path("get").path("security").toString())
                .isEqualTo("[]");
        assertThat(paths.path("/api/docs").path("get").path("security").toString())
                .isEqualTo("[]");
    }

    @Test
    void leavesOutWhatThePublicOriginDoesNotRoute() throws Exception {
        JsonNode document = json.readTree(get("/api/openapi.json").body());

        assertThat(document.path("paths").has("/api/tickets/{id}/sla/breaches")).isFalse();
        assertThat(get("/api/openapi.json").body()).doesNotContain("\"breach\"");
    }

    @Test
    void renamesAComponentTwoServicesDefineDifferentlyAndFollowsItsReferences() throws Exception {
        JsonNode document = json.readTree(get("/api/openapi.json").body());
        JsonNode schemas = document.path("components").path("schemas");

        assertThat(schemas.path("Problem").path("properties").has("errors")).isFalse();
        assertThat(schemas.path("TicketQueryProblem").path("properties").has("errors"))
                .isTrue();
        assertThat(document.path("paths")
                        .path("/api/tickets")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TicketQueryProblem");
        assertThat(document.path("paths")
                        .path("/api/tickets")
                        .path("post")
                        .path("responses")
                        .path("201")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Answer");
    }

    @Test
    void fetchesABackendsDocumentOnceWithinTheCacheTime() throws Exception {
        get("/api/openapi.json");
        int before = command.received("GET", "/v3/api-docs").size();

        get("/api/openapi.json");
        get("/api/openapi.json");

        assertThat(before).isPositive();
        assertThat(command.received("GET", "/v3/api-docs")).hasSize(before);
    }

    @Test
    void servesSwaggerUiOverTheDocumentFromTheOriginItself() throws Exception {
        HttpResponse<String> page = get("/api/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("SwaggerUIBundle", "/api/openapi.json").doesNotContain("https://");
        String bundle = page.body().replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(bundle).startsWith("/webjars/swagger-ui/5.");

        HttpResponse<String> script = get(bundle);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(get(bundle.replace("swagger-ui-bundle.js", "swagger-ui.css")).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                BodyHandlers.ofString());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
