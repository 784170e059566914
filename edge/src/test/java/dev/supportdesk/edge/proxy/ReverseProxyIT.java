package dev.supportdesk.edge.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReverseProxyIT {

    private static final int ONE_MIB = 1024 * 1024;

    static final StubBackend command = StubBackend.start("ticket-command");
    static final StubBackend query = StubBackend.start("ticket-query");
    static final StubBackend sla = StubBackend.start("sla-monitor");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("edge.backends.ticket-command", () -> command.baseUrl().toString());
        registry.add("edge.backends.ticket-query", () -> query.baseUrl().toString());
        registry.add("edge.backends.sla-monitor", () -> sla.baseUrl().toString());
    }

    @AfterAll
    static void stopBackends() {
        command.close();
        query.close();
        sla.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /api/tickets, ticket-query",
        "POST, /api/tickets, ticket-command",
        "GET, /api/tickets/T-1, ticket-query",
        "POST, /api/tickets/T-1/assign, ticket-command",
        "GET, /api/tickets/T-1/history, ticket-command",
        "GET, /api/users, ticket-command",
        "POST, /api/admin/projections/ticket-projection/parked/ev-9/retry, ticket-query",
        "POST, /api/admin/projections/ticket-sla/parked/ev-9/retry, sla-monitor",
    })
    void routesByMethodAndPath(String method, String path, String backend) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge(path))
                .method(method, BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"backend\":\"" + backend + "\"", "\"method\":\"" + method + "\"");
        StubBackend stub = switch (backend) {
            case "ticket-command" -> command;
            case "ticket-query" -> query;
            default -> sla;
        };
        assertThat(stub.received(method, path)).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource({"warnings", "breaches"})
    void keepsTheSlaMonitorsRecordingEndpointsOffThePublicOrigin(String kind) throws Exception {
        String path = "/api/tickets/T-1/sla/" + kind;
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge(path))
                .POST(BodyPublishers.ofString("{\"metric\":\"FIRST_RESPONSE\"}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic c2xhLW1vbml0b3I6c2xhLW1vbml0b3I="));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404", path);
        assertThat(command.received()).noneMatch(r -> r.path().startsWith("/api/tickets/T-1/sla"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "q=%zz | q | malformed percent-escape '%zz'",
                "status=OPEN&q=printer%2 | q | incomplete percent-escape",
                "q=50% | q | incomplete percent-escape",
                "q=%FF | q | not valid UTF-8",
                "q=%C0%80 | q | not valid UTF-8",
                "size=10&page%zz=1 | query | malformed percent-escape '%zz'",
            })
    void refusesAMalformedQueryStringWith400NamingTheParameter(String rawQuery, String field, String message)
            throws Exception {
        RawHttp.Answer response =
                RawHttp.send(port, "GET", "/api/tickets?" + rawQuery, Map.of("X-Correlation-Id", "corr-400"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("corr-400");
        assertThat(response.body()).contains("\"status\":400", "\"field\":\"" + field + "\"", message);
        assertThat(query.received()).noneMatch(r -> rawQuery.equals(r.rawQuery()));
    }

    @Test
    void refusesAMalformedQueryStringOnEveryRouteBeforeForwardingIt() throws Exception {
        RawHttp.Answer response = RawHttp.send(
                port,
                "POST",
                "/api/tickets/T-8/assign?x=%G1",
                Map.of("Content-Type", "application/json", "Content-Length", "0"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"x\"");
        assertThat(command.received("POST", "/api/tickets/T-8/assign")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/api/tickets/%zz", "/api/tickets/T-1%2", "/api/tickets/%FF", "/api/%zz/tickets"})
    void refusesAMalformedPathWith400WithoutForwardingIt(String path) throws Exception {
        RawHttp.Answer response = RawHttp.send(port, "GET", path, Map.of());

        // The container refuses such a path before the proxy sees it; its error page renders the answer.
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(query.received())
                .noneMatch(r -> r.path().contains("%zz") || r.path().contains("%FF"));
    }

    @Test
    void passesAWellFormedEncodedQueryOnAsItIs() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/tickets?q=caf%C3%A9+cr%C3%A8me&tag=a%26b&assignee="))
                        .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(query.received("GET", "/api/tickets"))
                .extracting(StubBackend.Received::rawQuery)
                .contains("q=caf%C3%A9+cr%C3%A8me&tag=a%26b&assignee=");
    }

    @Test
    void passesPathAndQueryThroughUnchanged() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/tickets?status=OPEN,PENDING&q=printer%20jam&assignee=me"))
                        .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(query.received("GET", "/api/tickets"))
                .extracting(StubBackend.Received::rawQuery)
                .contains("status=OPEN,PENDING&q=printer%20jam&assignee=me");
    }

    @Test
    void passesTheEndToEndHeadersThroughBothWaysAndAddsNoIdentity() throws Exception {
        command.on("/api/tickets/T-2/priority", (exchange, received) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("ETag", "\"4\"");
            exchange.getResponseHeaders()
                    .set("X-Correlation-Id", received.headers().getFirst("X-correlation-id"));
            exchange.getResponseHeaders().set("Location", command.baseUrl() + "/api/tickets/T-2?x=1");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            byte[] body = "{\"id\":\"T-2\",\"version\":4}".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });

        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-2/priority"))
                .POST(BodyPublishers.ofString("{\"priority\":\"HIGH\"}"))
                .header("Authorization", "Basic YWxpY2U6YWxpY2U=")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("If-Match", "\"3\"")
                .header("Idempotency-Key", "key-1")
                .header("X-Correlation-Id", "corr-42")
                .header("X-Remote-User", "admin")
                .header("X-Forwarded-User", "admin"));

        StubBackend.Received received =
                command.received("POST", "/api/tickets/T-2/priority").get(0);
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Basic YWxpY2U6YWxpY2U=");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(received.headers().getFirst("Accept")).isEqualTo("application/json");
        assertThat(received.headers().getFirst("If-Match")).isEqualTo("\"3\"");
        assertThat(received.headers().getFirst("Idempotency-Key")).isEqualTo("key-1");
        assertThat(received.headers().getFirst("X-Correlation-Id")).isEqualTo("corr-42");
        assertThat(received.headers().keySet())
                .noneMatch(name -> name.equalsIgnoreCase("X-Remote-User") || name.equalsIgnoreCase("X-Forwarded-User"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"4\"");
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-42");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Location"))
                .hasValue("http://127.0.0.1:" + port + "/api/tickets/T-2?x=1");
        assertThat(response.body()).isEqualTo("{\"id\":\"T-2\",\"version\":4}");
    }

    @Test
    void passesTheBackendsRefusalThroughWithItsStatusAndChallenge() throws Exception {
        query.on("/api/tickets/T-401", (exchange, received) -> {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"support-desk\"");
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            byte[] body = "{\"status\":401}".getBytes(UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
        });

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/tickets/T-401")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"support-desk\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"status\":401}");
    }

    @Test
    void passesTheRequestBodyThroughWithItsLength() throws Exception {
        command.on("/api/tickets/T-7/customer-messages", echoBody());
        String json = "{\"subject\":\"Printer jam \u00e9\",\"channel\":\"PHONE\",\"requester\":{\"name\":\"Ann\"}}";

        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-7/customer-messages"))
                .POST(BodyPublishers.ofString(json))
                .header("Content-Type", "application/json; charset=utf-8"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(json);
        StubBackend.Received received =
                command.received("POST", "/api/tickets/T-7/customer-messages").get(0);
        assertThat(received.headers().getFirst("Content-Length"))
                .isEqualTo(String.valueOf(json.getBytes(UTF_8).length));
    }

    @Test
    void passesAChunkedRequestBodyThrough() throws Exception {
        command.on("/api/tickets/T-3/replies", echoBody());
        byte[] bytes = "{\"body\":\"hello\",\"visibility\":\"PUBLIC\"}".getBytes(UTF_8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-3/replies"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(new String(bytes, UTF_8));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        command.on("/api/tickets/T-4/replies", echoBody());

        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-4/replies"))
                .POST(BodyPublishers.ofByteArray(filled(ONE_MIB))));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).hasSize(ONE_MIB);
    }

    @Test
    void refusesABodyOverOneMebibyteBeforeForwardingIt() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-5/replies"))
                .POST(BodyPublishers.ofByteArray(filled(ONE_MIB + 1)))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413");
        assertThat(command.received("POST", "/api/tickets/T-5/replies")).isEmpty();
    }

    @Test
    void refusesAChunkedBodyOverOneMebibyteBeforeForwardingIt() throws Exception {
        byte[] bytes = filled(ONE_MIB + 1);

        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/api/tickets/T-6/replies"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413");
        assertThat(command.received("POST", "/api/tickets/T-6/replies")).isEmpty();
    }

    @Test
    void streamsServerSentEventsBeforeTheBackendHasFinished() throws Exception {
        CountDownLatch clientSawFirstEvent = new CountDownLatch(1);
        query.on("/api/stream", (exchange, received) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked: the length is unknown
            OutputStream out = exchange.getResponseBody();
            out.write("event: ticket-updated\ndata: {\"id\":\"T-1\",\"version\":1}\n\n".getBytes(UTF_8));
            out.flush();
            awaitQuietly(clientSawFirstEvent);
            out.write("event: ticket-updated\ndata: {\"id\":\"T-1\",\"version\":2}\n\n".getBytes(UTF_8));
            out.flush();
        });

        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(edge("/api/stream"))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), UTF_8));

        // The backend holds the stream open until this first event has arrived: only a streaming edge gets here.
        List<String> first =
                CompletableFuture.supplyAsync(() -> readEvent(reader)).get(10, TimeUnit.SECONDS);
        assertThat(first).containsExactly("event: ticket-updated", "data: {\"id\":\"T-1\",\"version\":1}");
        clientSawFirstEvent.countDown();

        List<String> second =
                CompletableFuture.supplyAsync(() -> readEvent(reader)).get(10, TimeUnit.SECONDS);
        assertThat(second).containsExactly("event: ticket-updated", "data: {\"id\":\"T-1\",\"version\":2}");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void answersAnUnknownApiPathWithProblemJson() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/nothing-here")).GET().header("X-Correlation-Id", "corr-404"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-404");
        assertThat(response.body()).contains("\"status\":404", "\"title\":\"Not Found\"", "/api/nothing-here");
        assertThat(command.received()).noneMatch(r -> r.path().equals("/api/nothing-here"));
        assertThat(query.received()).noneMatch(r -> r.path().equals("/api/nothing-here"));
    }

    @Test
    void routesThePathTheBackendWillSeeNotTheRawOne() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge("/api/stream/../users")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"backend\":\"ticket-command\"");
        assertThat(command.received("GET", "/api/users")).isNotEmpty();
    }

    @Test
    void servesTheStartPageAndItsHealth() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(edge("/")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Support desk", "/api");

        HttpResponse<String> health =
                send(HttpRequest.newBuilder(edge("/actuator/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void servesTheConsolesModulesAndStylesFromItsOwnJar() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(edge("/")).GET());
        assertThat(page.body()).contains("console/app.js", "console/console.css");
        for (String[] asset : new String[][] {
            {"/console/app.js", "javascript", "from './api.js'"},
            {"/console/api.js", "javascript", "/api/session"},
            {"/console/console.css", "text/css", ".sla-breached"}
        }) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(edge(asset[0])).GET());
            assertThat(response.statusCode()).as(asset[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(asset[0])
                    .hasValueSatisfying(v -> assertThat(v).contains(asset[1]));
            assertThat(response.body()).as(asset[0]).contains(asset[2]);
        }
    }

    private static StubBackend.Handler echoBody() {
        return (HttpExchange exchange, StubBackend.Received received) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, received.body().length);
            exchange.getResponseBody().write(received.body());
        };
    }

    private static List<String> readEvent(BufferedReader reader) {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }

    private URI edge(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }
}
