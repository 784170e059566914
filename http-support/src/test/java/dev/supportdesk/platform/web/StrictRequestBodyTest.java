package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every way of bending a request body, against a started server: 400 problem+json naming the field. */
@SpringBootTest(
        classes = TestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class StrictRequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VALID = """
            {"name":"n","kind":"PHONE","count":3,"big":9000000000,"flag":true,"ratio":0.5,"optionalCount":null,
             "at":"2026-11-25T09:30:00Z","pause":"PT4H","tags":["a","b"],"inner":{"name":"i"},"labels":{"k":"v"}}""";

    @LocalServerPort
    int port;

    static Stream<Arguments> refused() {
        return Stream.of(
                // no coercion
                Arguments.of("a number given as a string", replace("\"count\":3", "\"count\":\"3\""), "count"),
                Arguments.of("a boolean given as a string", replace("\"flag\":true", "\"flag\":\"true\""), "flag"),
                Arguments.of("a boolean given as a number", replace("\"flag\":true", "\"flag\":1"), "flag"),
                Arguments.of("a decimal given as a string", replace("\"ratio\":0.5", "\"ratio\":\"0.5\""), "ratio"),
                Arguments.of("a string given as a number", replace("\"name\":\"n\"", "\"name\":5"), "name"),
                Arguments.of("a string given as a boolean", replace("\"name\":\"n\"", "\"name\":false"), "name"),
                Arguments.of("a string given as an object", replace("\"name\":\"n\"", "\"name\":{}"), "name"),
                Arguments.of("a list item given as a number", replace("[\"a\",\"b\"]", "[\"a\",7]"), "tags[1]"),
                Arguments.of("a list given as a single string", replace("[\"a\",\"b\"]", "\"a\""), "tags"),
                Arguments.of("an enum by ordinal", replace("\"kind\":\"PHONE\"", "\"kind\":0"), "kind"),
                Arguments.of("an enum with a trailing space", replace("\"PHONE\"", "\"PHONE \""), "kind"),
                Arguments.of("an enum with a leading space", replace("\"PHONE\"", "\" PHONE\""), "kind"),
                Arguments.of("an enum in other case", replace("\"PHONE\"", "\"phone\""), "kind"),
                Arguments.of("an empty enum", replace("\"PHONE\"", "\"\""), "kind"),
                Arguments.of("an unknown enum", replace("\"PHONE\"", "\"PIGEON\""), "kind"),
                Arguments.of("a float for an integer", replace("\"count\":3", "\"count\":3.0"), "count"),
                Arguments.of("an exponent for an integer", replace("\"count\":3", "\"count\":3e0"), "count"),
                Arguments.of("null for a primitive", replace("\"count\":3", "\"count\":null"), "count"),
                Arguments.of(
                        "an empty string for an integer",
                        replace("\"optionalCount\":null", "\"optionalCount\":\"\""),
                        "optionalCount"),
                Arguments.of("an instant as epoch seconds", replace("\"2026-11-25T09:30:00Z\"", "1795685400"), "at"),
                Arguments.of("an instant as an array", replace("\"2026-11-25T09:30:00Z\"", "[2026,11,25]"), "at"),
                Arguments.of("a duration as seconds", replace("\"PT4H\"", "14400"), "pause"),
                // numbers too large for the field
                Arguments.of("an int beyond its range", replace("\"count\":3", "\"count\":2147483648"), "count"),
                Arguments.of(
                        "a long beyond its range", replace("\"big\":9000000000", "\"big\":9223372036854775808"), "big"),
                Arguments.of("a double beyond its range", replace("\"ratio\":0.5", "\"ratio\":1e400"), "ratio"),
                // text PostgreSQL cannot store or nobody types
                Arguments.of("NUL in a string", replace("\"name\":\"n\"", "\"name\":\"a\\u0000b\""), "name"),
                Arguments.of(
                        "a control character in a string", replace("\"name\":\"n\"", "\"name\":\"a\\u001bb\""), "name"),
                Arguments.of(
                        "NUL in a nested string", replace("{\"name\":\"i\"}", "{\"name\":\"\\u0000\"}"), "inner.name"),
                Arguments.of("NUL in a list item", replace("[\"a\",\"b\"]", "[\"a\",\"b\\u0000\"]"), "tags[1]"),
                Arguments.of("NUL in a map value", replace("{\"k\":\"v\"}", "{\"k\":\"\\u0000\"}"), "labels.k"),
                Arguments.of(
                        "NUL in an ignored field",
                        replace("\"name\":\"n\"", "\"name\":\"n\",\"extra\":\"\\u0000\""),
                        "extra"),
                Arguments.of(
                        "NUL deep in an ignored object",
                        replace("\"name\":\"n\"", "\"name\":\"n\",\"extra\":{\"a\":[{\"b\":\"\\u0000\"}]}"),
                        "extra.a[0].b"),
                Arguments.of("an unpaired high surrogate", replace("\"name\":\"n\"", "\"name\":\"\\ud800\""), "name"),
                Arguments.of("an unpaired low surrogate", replace("\"name\":\"n\"", "\"name\":\"x\\udc00\""), "name"),
                Arguments.of(
                        "a surrogate pair in the wrong order",
                        replace("\"name\":\"n\"", "\"name\":\"\\udc00\\ud800\""),
                        "name"),
                Arguments.of(
                        "a control character in a field name",
                        replace("\"name\":\"n\"", "\"name\":\"n\",\"a\\u0001\":1"),
                        "body"),
                // structure
                Arguments.of("a duplicate key", replace("\"name\":\"n\"", "\"name\":\"n\",\"name\":\"m\""), "name"),
                Arguments.of(
                        "a duplicate key in a nested object",
                        replace("{\"name\":\"i\"}", "{\"name\":\"i\",\"name\":\"j\"}"),
                        "inner.name"),
                Arguments.of(
                        "nesting deeper than 64",
                        replace("\"name\":\"n\"", "\"name\":\"n\",\"deep\":" + "[".repeat(64) + "]".repeat(64)),
                        "deep" + "[0]".repeat(63)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithAProblemNamingTheField(String kind, String body, String field) throws Exception {
        Answer answer = post(body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("errors").findValuesAsText("field"))
                .as(answer.body())
                .containsExactly(field);
        assertThat(problem.path("detail").asText()).doesNotContain("Exception", "com.fasterxml", "dev.supportdesk");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("trailing garbage", (VALID + " x").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a second JSON value", (VALID + VALID).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a truncated body", VALID.substring(0, 40).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("an array instead of an object", "[]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("overlong UTF-8 (C0 80 for NUL)", utf8With(new byte[] {(byte) 0xC0, (byte) 0x80})),
                Arguments.of(
                        "overlong UTF-8 (E0 80 AF for a slash)",
                        utf8With(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})),
                Arguments.of("a UTF-8 encoded surrogate", utf8With(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})),
                Arguments.of("a lone continuation byte", utf8With(new byte[] {(byte) 0x80})),
                Arguments.of(
                        "a code point beyond U+10FFFF",
                        utf8With(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})),
                Arguments.of("a truncated sequence", utf8With(new byte[] {(byte) 0xE2, (byte) 0x82})),
                Arguments.of("Latin-1 instead of UTF-8", utf8With(new byte[] {(byte) 0xE9})),
                Arguments.of("UTF-16", VALID.getBytes(StandardCharsets.UTF_16)),
                Arguments.of(
                        "a raw control character",
                        VALID.replace("\"n\"", "\"a\u0001\"").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedBodies(String kind, byte[] body) throws Exception {
        Answer answer = post(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(400);
    }

    @Test
    void acceptsTheValidBodyAndIgnoresUnknownFields() throws Exception {
        Answer answer = post(replace(
                        "\"name\":\"n\"",
                        "\"name\":\"tab\\there, line\\nfeed, \u00e9, \ud83d\ude00\",\"unknown\":{\"x\":[1,2]}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode echoed = JSON.readTree(answer.body());
        assertThat(echoed.path("name").asText()).isEqualTo("tab\there, line\nfeed, \u00e9, \ud83d\ude00");
        assertThat(echoed.path("at").asText()).isEqualTo("2026-11-25T09:30:00Z");
        assertThat(echoed.path("pause").asText()).isEqualTo("PT4H");
        assertThat(echoed.path("big").asLong()).isEqualTo(9_000_000_000L);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        Answer answer = post(replace("\"name\":\"n\"", "\"name\":\"n\",\"deep\":" + "[".repeat(63) + "]".repeat(63))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void acceptsAWholeNumberForADecimal() throws Exception {
        assertThat(post(replace("\"ratio\":0.5", "\"ratio\":1").getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void answersADatabaseOutageWith503AndRetryAfter() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri("/api/database-down")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Connection refused", "Exception");
    }

    @Test
    void answersAnUnexpectedFailureWithoutItsInside() throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(uri("/api/boom")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret", "Exception");
    }

    private static String replace(String what, String with) {
        assertThat(VALID).contains(what);
        return VALID.replace(what, with);
    }

    private static byte[] utf8With(byte[] bad) {
        String[] parts = VALID.split("\"n\"", 2);
        byte[] head = (parts[0] + "\"n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\"" + parts[1]).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        return body;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Answer post(byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri("/api/things"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    record Answer(int status, String contentType, String body) {}
}
