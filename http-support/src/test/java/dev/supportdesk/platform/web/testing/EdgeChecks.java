package dev.supportdesk.platform.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Requests a client can make that no controller ever sees, each with the answer every port of the
 * platform gives: problem+json with the right 4xx, never HTML, a stack trace or a 500. A service's test
 * runs them against its own started server: {@code @TestFactory Stream<DynamicTest> edge() { return
 * EdgeChecks.everyPort(port, "/api/tickets/"); }}.
 */
public final class EdgeChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeChecks() {}

    /**
     * What every port answers the same way, with or without Spring Security.
     *
     * @param resource a path prefix the service routes to a path variable, e.g. {@code /api/tickets/}
     */
    public static Stream<DynamicTest> everyPort(int port, String resource) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(check("GET /error answers 404", 404, () -> RawHttp.get(port, "/error")));
        tests.add(check(
                "POST /error answers 404",
                404,
                () -> RawHttp.send(
                        port,
                        ("POST /error HTTP/1.1\r\nHost: x\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                                .getBytes())));
        tests.add(check("a malformed request line", 400, () -> RawHttp.send(port, "GARBAGE\r\n\r\n".getBytes())));
        tests.add(check("characters a URL may not hold", 400, () -> RawHttp.get(port, resource + "{x}<y>")));
        tests.add(check(
                "a raw space in the request target",
                400,
                () -> RawHttp.send(
                        port,
                        ("GET " + resource + "a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes())));
        tests.add(check("an encoded slash in a path segment", 400, () -> RawHttp.get(port, resource + "T-1%2F..%2Fx")));
        tests.add(check("a malformed percent-escape in the path", 400, () -> RawHttp.get(port, resource + "T%zz")));
        tests.add(check(
                "headers too large", 400, () -> RawHttp.get(port, resource + "T-1", "X-Big: " + "b".repeat(20_000))));
        tests.add(check(
                "a control character in a header", 400, () -> RawHttp.get(port, resource + "T-1", "X-Odd: a\u0001b")));
        tests.add(check(
                "an unsupported HTTP version",
                505,
                () -> RawHttp.send(port, ("GET " + resource + "T-1 HTTP/1.7\r\nHost: x\r\n\r\n").getBytes())));
        tests.add(field("a malformed percent-escape in the query", "q", () -> RawHttp.get(port, resource + "?q=%zz")));
        tests.add(
                field("an incomplete percent-escape in the query", "q", () -> RawHttp.get(port, resource + "?q=ab%4")));
        tests.add(field("NUL in a query parameter", "q", () -> RawHttp.get(port, resource + "?q=%00")));
        tests.add(field(
                "a control character in a query parameter",
                "status",
                () -> RawHttp.get(port, resource + "?status=A%01B")));
        tests.add(field("overlong UTF-8 in a query parameter", "q", () -> RawHttp.get(port, resource + "?q=%C0%80")));
        tests.add(field(
                "an encoded surrogate in a query parameter", "q", () -> RawHttp.get(port, resource + "?q=%ED%A0%80")));
        tests.add(field(
                "Latin-1 instead of UTF-8 in a query parameter", "q", () -> RawHttp.get(port, resource + "?q=caf%E9")));
        tests.add(field("NUL in a parameter name", "query", () -> RawHttp.get(port, resource + "?a%00b=1")));
        // Tomcat itself refuses a NUL in the path, before any filter could name it.
        tests.add(check("NUL in a path segment", 400, () -> RawHttp.get(port, resource + "T%00")));
        tests.add(field("a control character in a path segment", "path", () -> RawHttp.get(port, resource + "T%1B1")));
        tests.add(field("a path parameter", "path", () -> RawHttp.get(port, resource + "T-1;x=1")));
        tests.add(field(
                "an encoded semicolon in a path segment", "path", () -> RawHttp.get(port, resource + "T-1%3Bx=1")));
        tests.add(methodRefused("TRACE", () -> RawHttp.send(port, request("TRACE", resource + "T-1"))));
        tests.add(methodRefused("CONNECT", () -> RawHttp.send(port, request("CONNECT", resource + "T-1"))));
        tests.add(
                methodRefused("CONNECT to an authority", () -> RawHttp.send(port, request("CONNECT", "127.0.0.1:22"))));
        tests.add(field(
                "a transfer coding the server cannot read",
                "Transfer-Encoding",
                () -> RawHttp.send(
                        port,
                        ("POST " + resource + "T-1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}")
                                .getBytes())));
        tests.add(field(
                "an Accept that is no media type",
                "Accept",
                () -> RawHttp.get(port, resource + "T-1", "Accept: ;;;garbage//")));
        tests.add(field(
                "an Accept with a malformed quality",
                "Accept",
                () -> RawHttp.get(port, resource + "T-1", "Accept: */*;q=abc")));
        tests.add(field(
                "an Accept of 7000 bytes that lists 581 media types",
                "Accept",
                () -> RawHttp.get(
                        port, resource + "T-1", "Accept: application/json;q=0.9, " + "text/x-pad, ".repeat(580))));
        tests.add(DynamicTest.dynamicTest("any refusal of GET / for JSON only is a problem", () -> {
            RawHttp.Answer answer = RawHttp.get(port, "/", "Accept: application/json, application/problem+json");
            if (answer.status() >= 400) {
                assertProblem(answer, answer.status());
            }
        }));
        tests.add(DynamicTest.dynamicTest(
                "an HTTP/0.9 request line gets a 400 problem, in HTTP/0.9's bare form", () -> {
                    String answer = RawHttp.raw(port, ("GET " + resource + "T-1\r\n").getBytes());
                    assertThat(answer).as("HTTP/0.9 has no status line").doesNotStartWith("HTTP/");
                    JsonNode problem = JSON.readTree(answer);
                    assertThat(problem.path("status").asInt()).as(answer).isEqualTo(400);
                    assertThat(problem.path("detail").asText()).contains("HTTP/0.9");
                }));
        tests.add(check("a broken request line right after an HTTP/0.9 request", 400, () -> {
            // Connections one after another take the same recycled processor, which served the HTTP/0.9 one.
            RawHttp.raw(port, ("GET " + resource + "T-1\r\n").getBytes());
            return RawHttp.send(
                    port,
                    ("GET " + resource + "T-\u0080\u0080 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }));
        return tests.stream();
    }

    /** The methods every port speaks, in the Allow header of a 405 to a method it never serves. */
    public static final List<String> SPOKEN_METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static DynamicTest methodRefused(String name, Supplier<RawHttp.Answer> request) {
        return DynamicTest.dynamicTest(name + " -> 405 with the methods spoken", () -> {
            RawHttp.Answer answer = request.get();
            assertProblem(answer, 405);
            assertThat(answer.header("Allow")).as(answer.toString()).isNotNull();
            assertThat(answer.header("Allow").split(",\\s*")).containsExactlyInAnyOrderElementsOf(SPOKEN_METHODS);
        });
    }

    private static byte[] request(String method, String target) {
        return (method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes();
    }

    /** Spring Security's firewall, on the backends: each rejection a 400 problem. */
    public static Stream<DynamicTest> firewall(int port, String resource) {
        return Stream.of(
                check("an encoded percent sign", 400, () -> RawHttp.get(port, resource + "T%251")),
                check("a semicolon", 400, () -> RawHttp.get(port, resource + "T-1;x=y")),
                check("a double slash", 400, () -> RawHttp.get(port, resource.replaceFirst("/$", "") + "//T-1")),
                check("an encoded backslash", 400, () -> RawHttp.get(port, resource + "T%5C1")),
                check("an encoded line feed", 400, () -> RawHttp.get(port, resource + "T%0A1")),
                check("an encoded period segment", 400, () -> RawHttp.get(port, resource + "%2E%2E/x")));
    }

    private static DynamicTest check(String name, int status, Supplier<RawHttp.Answer> request) {
        return DynamicTest.dynamicTest(name + " -> " + status, () -> assertProblem(request.get(), status));
    }

    private static DynamicTest field(String name, String field, Supplier<RawHttp.Answer> request) {
        return DynamicTest.dynamicTest(name + " -> 400 naming " + field, () -> {
            JsonNode problem = assertProblem(request.get(), 400);
            assertThat(problem.path("errors").findValuesAsText("field"))
                    .as(problem.toString())
                    .contains(field);
        });
    }

    /** Asserts a problem+json answer with that status and nothing of the inside; returns its body. */
    public static JsonNode assertProblem(RawHttp.Answer answer, int status) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<html", "Exception", "\tat ", "Tomcat");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.has("errors")).as(answer.body()).isTrue();
        return problem;
    }
}
