package dev.supportdesk.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApiPathsTest {

    /** A part of the platform's OpenAPI document, in the shape springdoc writes it. */
    static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/api/tickets": {"get": {"parameters": [
                  {"name": "status", "in": "query", "required": false, "schema": {"type": "string"}}]},
                "post": {}},
              "/api/tickets/{id}": {"get": {"parameters": [
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "minVersion", "in": "query", "required": false,
                   "schema": {"type": "integer", "format": "int64"}}]}},
              "/api/tickets/{id}/as-of": {"get": {"parameters": [
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "at", "in": "query", "required": true,
                   "schema": {"type": "string", "format": "date-time"}}]}},
              "/api/events": {"get": {"parameters": [
                  {"name": "after", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0}},
                  {"name": "limit", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 1}}]}},
              "/api/reports/volume": {"get": {"parameters": [
                  {"name": "interval", "in": "query", "required": true,
                   "schema": {"type": "string", "enum": ["day", "week"]}}]}},
              "/api/audit/verify/{ticketId}": {"post": {"parameters": [
                  {"name": "ticketId", "in": "path", "required": true, "schema": {"type": "string"}}]}},
              "/api/sla/policies/{name}/deactivate": {"post": {}},
              "/api/admin/projections/{name}/parked/{eventId}/retry": {"post": {}},
              "/api/notifications/{notificationId}": {"get": {}}
            }}
            """;

    static List<String> paths() {
        return ApiPaths.fromOpenApi(read(DOCUMENT));
    }

    @Test
    void everyDocumentedPathIsSweptWithTheQueryParametersItRequires() {
        assertThat(paths())
                .startsWith(
                        "/api/admin/projections/{name}/parked/{eventId}/retry",
                        "/api/audit/verify/{id}",
                        "/api/events?after=0&limit=1",
                        "/api/notifications/{notificationId}",
                        "/api/reports/volume?interval=day",
                        "/api/sla/policies/{name}/deactivate",
                        "/api/tickets",
                        "/api/tickets/{id}",
                        "/api/tickets/{id}/as-of?at=2026-01-01T00:00:00Z")
                .containsAll(ApiPaths.AROUND)
                .doesNotHaveDuplicates();
    }

    @Test
    void aNewEndpointInTheDocumentIsSweptWithoutEditingTheGenerator() {
        String grown =
                DOCUMENT.replace("\"/api/events\"", "\"/api/tickets/{id}/watchers\": {\"put\": {}}, \"/api/events\"");
        RequestGenerator generator =
                new RequestGenerator(11, RequestGeneratorTest.FIXTURE, ApiPaths.fromOpenApi(read(grown)));

        List<String> kinds = IntStream.range(0, generator.coverageSize())
                .mapToObj(i -> generator.request(i).kind().replaceAll(" \\(.*", ""))
                .toList();

        for (String method : RequestGenerator.METHODS) {
            assertThat(kinds).contains("method:" + method + " /api/tickets/{id}/watchers");
        }
    }

    @Test
    void noVariableOfANewerEndpointReachesTheWireAsABrace() {
        RequestGenerator generator = new RequestGenerator(13, RequestGeneratorTest.FIXTURE, paths());
        for (int i = 0; i < generator.coverageSize(); i++) {
            HostileRequest request = generator.request(i);
            if (request.kind().startsWith("method:")) {
                assertThat(request.target()).as(request.describe()).doesNotContainPattern("\\{[A-Za-z]+}");
            }
        }
    }

    @Test
    void samplesAreOfTheParametersType() {
        assertThat(ApiPaths.sample("at", read("{\"type\":\"string\",\"format\":\"date-time\"}")))
                .isEqualTo("2026-01-01T00:00:00Z");
        assertThat(ApiPaths.sample("size", read("{\"type\":\"integer\",\"minimum\":1}")))
                .isEqualTo("1");
        assertThat(ApiPaths.sample("groupBy", read("{\"type\":\"string\",\"enum\":[\"priority\",\"channel\"]}")))
                .isEqualTo("priority");
        assertThat(ApiPaths.sample("ticketId", read("{\"type\":\"string\"}"))).isEqualTo("{id}");
        assertThat(ApiPaths.sample("flag", read("{\"type\":\"boolean\"}"))).isEqualTo("false");
    }

    @Test
    void aDocumentWithoutPathsIsRefusedRatherThanSweptEmpty() {
        assertThatThrownBy(() -> ApiPaths.fromOpenApi(read("{\"openapi\":\"3.1.0\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestGenerator(1, RequestGeneratorTest.FIXTURE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
