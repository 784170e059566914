package dev.supportdesk.edge.projections;

import static dev.supportdesk.edge.proxy.StubBackendHandlers.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.edge.proxy.StubBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "edge.response-timeout=1s")
class ProjectionsFanOutIT {

    private static final String PATH = "/api/admin/projections";
    private static final String QUERY_ITEMS =
            "{\"items\":[{\"name\":\"ticket-projection\",\"service\":\"ticket-query\","
                    + "\"position\":12,\"lag\":0,\"state\":\"RUNNING\",\"parked\":[]}]}";
    private static final String SLA_ITEMS = "{\"items\":[{\"name\":\"ticket-sla\",\"service\":\"sla-monitor\","
            + "\"position\":11,\"lag\":1,\"state\":\"RUNNING\",\"parked\":[]}]}";

    static final StubBackend command = StubBackend.start("ticket-command");
    static final StubBackend query = StubBackend.start("ticket-query");
    static final StubBackend sla = StubBackend.start("sla-monitor");
    static final CountDownLatch releaseSlowAnswer = new CountDownLatch(1);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("edge.backends.ticket-command", () -> command.baseUrl().toString());
        registry.add("edge.backends.ticket-query", () -> query.baseUrl().toString());
        registry.add("edge.backends.sla-monitor", () -> sla.baseUrl().toString());
    }

    @AfterAll
    static void stopBackends() {
        releaseSlowAnswer.countDown();
        command.close();
        query.close();
        sla.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void answerNormallyAgain() {
        query.on(PATH, json(200, QUERY_ITEMS));
        sla.on(PATH, json(200, SLA_ITEMS));
    }

    @Test
    void listsTheProjectionsOfBothServicesTicketQueryFirst() throws Exception {
        answerNormallyAgain();

        HttpResponse<String> response = get(PATH, "Basic YWRtaW46YWRtaW4=", "corr-7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("items"))
                .extracting(item -> item.path("name").asText())
                .containsExactly("ticket-projection", "ticket-sla");
        assertThat(body.path("items").get(1).path("lag").asInt()).isEqualTo(1);
        assertThat(body.has("unavailable")).isFalse();
        for (StubBackend backend : new StubBackend[] {query, sla}) {
            StubBackend.Received received = backend.received("GET", PATH)
                    .get(backend.received("GET", PATH).size() - 1);
            assertThat(received.headers().getFirst("Authorization")).isEqualTo("Basic YWRtaW46YWRtaW4=");
            assertThat(received.headers().getFirst("X-Correlation-Id")).isEqualTo("corr-7");
        }
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-7");
        assertThat(command.received("GET", PATH)).isEmpty();
    }

    @Test
    void givesBothCallsOneCorrelationIdWhenTheCallerSentNone() throws Exception {
        answerNormallyAgain();

        HttpResponse<String> response = get(PATH, "Basic YWRtaW46YWRtaW4=", null);

        String sentToQuery = last(query).headers().getFirst("X-Correlation-Id");
        assertThat(sentToQuery).isNotBlank();
        assertThat(last(sla).headers().getFirst("X-Correlation-Id")).isEqualTo(sentToQuery);
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue(sentToQuery);
    }

    @Test
    void namesAServiceThatFailsAndStillListsTheOthers() throws Exception {
        sla.on(PATH, json(500, "{\"status\":500}"));

        HttpResponse<String> response = get(PATH, "Basic YWRtaW46YWRtaW4=", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("items"))
                .extracting(item -> item.path("name").asText())
                .containsExactly("ticket-projection");
        assertThat(body.path("unavailable")).extracting(JsonNode::asText).containsExactly("sla-monitor");
    }

    @Test
    void namesAServiceThatDoesNotAnswerInTime() throws Exception {
        query.on(PATH, (exchange, received) -> {
            try {
                releaseSlowAnswer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
        });

        HttpResponse<String> response = get(PATH, "Basic YWRtaW46YWRtaW4=", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("items"))
                .extracting(item -> item.path("name").asText())
                .containsExactly("ticket-sla");
        assertThat(body.path("unavailable")).extracting(JsonNode::asText).containsExactly("ticket-query");
    }

    @Test
    void namesAServiceThatAnswersSomethingElse() throws Exception {
        query.on(PATH, json(200, "{\"projections\":[]}"));
        sla.on(PATH, json(404, "{\"status\":404}"));

        HttpResponse<String> response = get(PATH, "Basic YWRtaW46YWRtaW4=", null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":502", "ticket-query", "sla-monitor");
    }

    @Test
    void passesTheCallersRefusalThrough() throws Exception {
        sla.on(PATH, (exchange, received) -> {
            byte[] body = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}".getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
        });

        HttpResponse<String> response = get(PATH, "Basic YWxpY2U6YWxpY2U=", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":403").doesNotContain("items");
    }

    @Test
    void passesAnUnauthenticatedCallersChallengeThrough() throws Exception {
        query.on(PATH, (exchange, received) -> {
            byte[] body = "{\"status\":401}".getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"support-desk\"");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
        });

        HttpResponse<String> response = get(PATH, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"support-desk\"");
        assertThat(last(query).headers().containsKey("Authorization")).isFalse();
    }

    private static StubBackend.Received last(StubBackend backend) {
        var all = backend.received("GET", PATH);
        return all.get(all.size() - 1);
    }

    private HttpResponse<String> get(String path, String authorization, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET()
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }
}
