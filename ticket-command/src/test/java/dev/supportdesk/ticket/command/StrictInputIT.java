package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.platform.web.testing.StrictJsonChecks;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Input that bends the JSON or carries text PostgreSQL cannot store or nobody types, on the real command
 * endpoints: 400 problem naming the field, and not one event row added.
 */
class StrictInputIT extends CommandApiTestSupport {

    private static final String OPEN =
            "{\"subject\":\"s\",\"description\":\"d\",\"channel\":\"EMAIL\",\"priority\":\"HIGH\","
                    + "\"requester\":{\"name\":\"C\",\"email\":\"c@example.com\",\"phone\":\"1\"},\"customerTier\":\"STANDARD\","
                    + "\"tags\":[\"a\"]}";
    private static volatile String ticket;

    @Autowired
    RequestMappingHandlerAdapter adapter;

    private final HttpClient raw =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Stream<Arguments> refused() {
        return Stream.of(
                open("a string given as a number", "\"subject\":\"s\"", "\"subject\":5", "subject"),
                open("a string given as a boolean", "\"subject\":\"s\"", "\"subject\":true", "subject"),
                open(
                        "an object given as a string",
                        "{\"name\":\"C\",\"email\":\"c@example.com\",\"phone\":\"1\"}",
                        "\"C\"",
                        "requester"),
                open("a list given as a string", "[\"a\"]", "\"a\"", "tags"),
                open("a list item given as a number", "[\"a\"]", "[1]", "tags[0]"),
                open("an enum by ordinal", "\"channel\":\"EMAIL\"", "\"channel\":0", "channel"),
                open("an enum with a trailing space", "\"EMAIL\"", "\"EMAIL \"", "channel"),
                open("an enum with a leading space", "\"EMAIL\"", "\" EMAIL\"", "channel"),
                open("an enum in other case", "\"HIGH\"", "\"high\"", "priority"),
                open("an empty enum", "\"STANDARD\"", "\"\"", "customerTier"),
                open("a duplicate key", "\"subject\":\"s\"", "\"subject\":\"s\",\"subject\":\"t\"", "subject"),
                open(
                        "a duplicate key in the requester",
                        "\"name\":\"C\"",
                        "\"name\":\"C\",\"name\":\"D\"",
                        "requester.name"),
                open(
                        "nesting deeper than 64 in an ignored field",
                        "\"subject\":\"s\"",
                        "\"subject\":\"s\",\"extra\":" + "[".repeat(64) + "]".repeat(64),
                        "extra" + "[0]".repeat(63)),
                open("NUL in the subject", "\"subject\":\"s\"", "\"subject\":\"s\\u0000\"", "subject"),
                open("NUL in the description", "\"description\":\"d\"", "\"description\":\"\\u0000\"", "description"),
                open("NUL in the requester name", "\"name\":\"C\"", "\"name\":\"C\\u0000\"", "requester.name"),
                open("NUL in the requester email", "\"c@example.com\"", "\"c\\u0000@example.com\"", "requester.email"),
                open("NUL in the requester phone", "\"phone\":\"1\"", "\"phone\":\"\\u0000\"", "requester.phone"),
                open("NUL in a tag", "[\"a\"]", "[\"a\\u0000\"]", "tags[0]"),
                open(
                        "NUL in an ignored field",
                        "\"subject\":\"s\"",
                        "\"subject\":\"s\",\"extra\":\"\\u0000\"",
                        "extra"),
                open(
                        "an escape character in the subject",
                        "\"subject\":\"s\"",
                        "\"subject\":\"\\u001b[31m\"",
                        "subject"),
                open(
                        "a bell in the description",
                        "\"description\":\"d\"",
                        "\"description\":\"\\u0007\"",
                        "description"),
                open("an unpaired surrogate in the subject", "\"subject\":\"s\"", "\"subject\":\"\\ud83d\"", "subject"),
                command("replies", "NUL in a reply", "{\"body\":\"a\\u0000b\",\"visibility\":\"PUBLIC\"}", "body"),
                command("replies", "a visibility by ordinal", "{\"body\":\"b\",\"visibility\":1}", "visibility"),
                command(
                        "replies",
                        "a visibility in other case",
                        "{\"body\":\"b\",\"visibility\":\"internal\"}",
                        "visibility"),
                command("customer-messages", "NUL in a customer message", "{\"body\":\"\\u0000\"}", "body"),
                command("priority", "NUL in a reason", "{\"priority\":\"LOW\",\"reason\":\"\\u0000\"}", "reason"),
                command("priority", "a priority by ordinal", "{\"priority\":3}", "priority"),
                command("pending", "a control character in a reason", "{\"reason\":\"\\u0001\"}", "reason"),
                command("resume", "NUL in a reason", "{\"reason\":\"\\u0000\"}", "reason"),
                command("resolve", "NUL in a resolution", "{\"resolution\":\"\\u0000\"}", "resolution"),
                command("reopen", "NUL in a reason", "{\"reason\":\"x\\u0000\"}", "reason"),
                command("tags", "NUL in an added tag", "{\"add\":[\"ok\",\"\\u0000\"]}", "add[1]"),
                command("tags", "NUL in a removed tag", "{\"remove\":[\"\\u0000\"]}", "remove[0]"),
                command("assign", "NUL in an assignee", "{\"assignee\":\"alice\\u0000\"}", "assignee"),
                command("assign", "NUL in a group", "{\"group\":\"\\u0000tier1\"}", "group"),
                command("merge", "NUL in the merge target", "{\"into\":\"T-1\\u0000\"}", "into"),
                command("close", "trailing garbage", "{}{}", null),
                command("close", "a NUL field name", "{\"\\u0000\":1}", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNamingTheFieldAndStoresNothing(String kind, String path, String body, String field) throws Exception {
        long before = eventRows();

        Answer answer = post(path.replace("{id}", ticket()), body).as("alice").send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.json().get("errors").findValuesAsText("field"))
                    .as(answer.body())
                    .containsExactly(field);
        }
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void refusesAnSlaInstantGivenAsEpochSeconds() {
        long before = eventRows();

        Answer answer = post(
                        "/api/tickets/" + ticket() + "/sla/breaches",
                        "{\"metric\":\"RESOLUTION\",\"dueAt\":1767225600}")
                .as("sla-monitor")
                .send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("dueAt");
        assertThat(eventRows()).isEqualTo(before);
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("an overlong NUL (C0 80)", new byte[] {(byte) 0xC0, (byte) 0x80}),
                Arguments.of("an overlong slash (E0 80 AF)", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                Arguments.of("an encoded surrogate (ED A0 80)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("a lone continuation byte", new byte[] {(byte) 0x80}),
                Arguments.of("a truncated sequence", new byte[] {(byte) 0xE2, (byte) 0x82}),
                Arguments.of("Latin-1", new byte[] {(byte) 0xE9}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void refusesInvalidUtf8InTheBody(String kind, byte[] bad) throws Exception {
        long before = eventRows();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("{\"subject\":\"s".getBytes(StandardCharsets.UTF_8));
        body.write(bad);
        body.write("\",\"channel\":\"EMAIL\",\"requester\":{\"name\":\"C\"}}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = raw.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets"))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("UTF-8");
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void refusesAControlCharacterInAPathVariableOrQueryParameter() {
        Answer inPath = post("/api/tickets/T-1%01/replies", "{\"body\":\"b\",\"visibility\":\"INTERNAL\"}")
                .as("alice")
                .send();
        Answer inQuery = call("GET", "/api/tickets/" + ticket() + "/history?x=%00")
                .as("alice")
                .send();

        assertThat(inPath.status()).isEqualTo(400);
        assertThat(inPath.json().get("errors").get(0).get("field").asText()).isEqualTo("path");
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.json().get("errors").get(0).get("field").asText()).isEqualTo("x");
    }

    @Test
    void storesTabsLineBreaksAndAnyUnicode() {
        String text = "line one\\nline two\\ttabbed \\u00e9 \\u65e5\\u672c \\ud83d\\ude00";

        Answer answer = post(
                        "/api/tickets/" + ticket() + "/replies",
                        "{\"body\":\"" + text + "\",\"visibility\":\"INTERNAL\"}")
                .as("alice")
                .send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode events = call("GET", "/api/tickets/" + ticket() + "/history")
                .as("alice")
                .send()
                .json()
                .get("events");
        assertThat(events.get(events.size() - 1).get("payload").get("body").asText())
                .isEqualTo("line one\nline two\ttabbed \u00e9 \u65e5\u672c \ud83d\ude00");
    }

    @TestFactory
    Stream<DynamicTest> springMvcReadsWithTheStrictMapper() {
        return StrictJsonChecks.everyRule(StrictJsonChecks.requestMapper(adapter));
    }

    private static Arguments open(String kind, String what, String with, String field) {
        if (!OPEN.contains(what)) {
            throw new IllegalArgumentException(what);
        }
        return Arguments.of(kind + " (open)", "/api/tickets", OPEN.replace(what, with), field);
    }

    private static Arguments command(String endpoint, String kind, String body, String field) {
        return Arguments.of(kind + " (" + endpoint + ")", "/api/tickets/{id}/" + endpoint, body, field);
    }

    private String ticket() {
        if (ticket == null) {
            ticket = openTicket();
        }
        return ticket;
    }
}
