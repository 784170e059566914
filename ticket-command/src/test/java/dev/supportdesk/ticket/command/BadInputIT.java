package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every command endpoint: each answer is problem+json with the API's status, and not one
 * event row is added.
 */
class BadInputIT extends CommandApiTestSupport {

    private static final String LONG = "x".repeat(20_001);
    private static final String TOO_LONG_SUBJECT = "s".repeat(201);
    private static final String UNKNOWN = "T-987654321";
    private static volatile String ticket;

    /** One endpoint: a valid body and bodies that break it in each way; null where the way does not apply. */
    record Endpoint(
            String name,
            String path,
            String valid,
            String missing,
            String oversize,
            String unknownEnum,
            String permitted,
            String forbidden) {

        String pathFor(String id) {
            return path.replace("{id}", id);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(
                        "open",
                        "/api/tickets",
                        "{\"subject\":\"s\",\"channel\":\"EMAIL\",\"requester\":{\"name\":\"C\"}}",
                        "{\"channel\":\"EMAIL\",\"requester\":{}}",
                        "{\"subject\":\"" + TOO_LONG_SUBJECT
                                + "\",\"channel\":\"EMAIL\",\"requester\":{\"name\":\"C\"}}",
                        "{\"subject\":\"s\",\"channel\":\"PIGEON\",\"requester\":{\"name\":\"C\"}}",
                        "alice",
                        "audrey"),
                new Endpoint(
                        "assign",
                        "/api/tickets/{id}/assign",
                        "{\"group\":\"tier1\"}",
                        "{}",
                        "{\"assignee\":\"" + "a".repeat(65) + "\"}",
                        null,
                        "alice",
                        "ana"),
                new Endpoint(
                        "replies",
                        "/api/tickets/{id}/replies",
                        "{\"body\":\"b\",\"visibility\":\"INTERNAL\"}",
                        "{\"visibility\":\"INTERNAL\"}",
                        "{\"body\":\"" + LONG + "\",\"visibility\":\"INTERNAL\"}",
                        "{\"body\":\"b\",\"visibility\":\"SECRET\"}",
                        "alice",
                        "audrey"),
                new Endpoint(
                        "customer-messages",
                        "/api/tickets/{id}/customer-messages",
                        "{\"body\":\"b\"}",
                        "{}",
                        "{\"body\":\"" + LONG + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "priority",
                        "/api/tickets/{id}/priority",
                        "{\"priority\":\"HIGH\"}",
                        "{\"reason\":\"r\"}",
                        "{\"priority\":\"HIGH\",\"reason\":\"" + LONG + "\"}",
                        "{\"priority\":\"MEDIUM\"}",
                        "alice",
                        "ana"),
                new Endpoint(
                        "pending",
                        "/api/tickets/{id}/pending",
                        "{}",
                        null,
                        "{\"reason\":\"" + LONG + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "resume",
                        "/api/tickets/{id}/resume",
                        "{}",
                        null,
                        "{\"reason\":\"" + LONG + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "resolve",
                        "/api/tickets/{id}/resolve",
                        "{\"resolution\":\"r\"}",
                        "{}",
                        "{\"resolution\":\"" + LONG + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "reopen",
                        "/api/tickets/{id}/reopen",
                        "{\"reason\":\"r\"}",
                        "{}",
                        "{\"reason\":\"" + LONG + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint("close", "/api/tickets/{id}/close", "{}", null, null, null, "alice", "audrey"),
                new Endpoint(
                        "tags",
                        "/api/tickets/{id}/tags",
                        "{\"add\":[\"a\"]}",
                        "{}",
                        "{\"add\":[\"" + "t".repeat(51) + "\"]}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "escalate",
                        "/api/tickets/{id}/escalate",
                        "{\"reason\":\"r\"}",
                        "{}",
                        "{\"reason\":\"" + LONG + "\"}",
                        null,
                        "sam",
                        "alice"),
                new Endpoint(
                        "merge",
                        "/api/tickets/{id}/merge",
                        "{\"into\":\"T-424242\"}",
                        "{}",
                        "{\"into\":\"" + "T".repeat(41) + "\"}",
                        null,
                        "alice",
                        "audrey"),
                new Endpoint(
                        "sla-warning",
                        "/api/tickets/{id}/sla/warnings",
                        "{\"metric\":\"FIRST_RESPONSE\",\"warnAt\":\"2026-01-01T00:00:00Z\"}",
                        "{\"metric\":\"FIRST_RESPONSE\"}",
                        null,
                        "{\"metric\":\"LUNCH\",\"warnAt\":\"2026-01-01T00:00:00Z\"}",
                        "sla-monitor",
                        "sam"),
                new Endpoint(
                        "sla-breach",
                        "/api/tickets/{id}/sla/breaches",
                        "{\"metric\":\"RESOLUTION\",\"dueAt\":\"2026-01-01T00:00:00Z\"}",
                        "{\"dueAt\":\"2026-01-01T00:00:00Z\"}",
                        null,
                        "{\"metric\":\"LUNCH\",\"dueAt\":\"2026-01-01T00:00:00Z\"}",
                        "sla-monitor",
                        "admin"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            cases.add(Arguments.of(endpoint, "malformed JSON", 400));
            if (endpoint.missing() != null) {
                cases.add(Arguments.of(endpoint, "missing fields", 400));
            }
            if (endpoint.oversize() != null) {
                cases.add(Arguments.of(endpoint, "oversize field", 400));
            }
            cases.add(Arguments.of(endpoint, "body over 1 MiB", 413));
            if (endpoint.unknownEnum() != null) {
                cases.add(Arguments.of(endpoint, "unknown enum value", 400));
            }
            cases.add(Arguments.of(endpoint, "not JSON", 415));
            if (!endpoint.name().equals("open")) {
                cases.add(Arguments.of(endpoint, "unknown ticket", 404));
            }
            cases.add(Arguments.of(endpoint, "wrong role", 403));
            cases.add(Arguments.of(endpoint, "no credentials", 401));
            cases.add(Arguments.of(endpoint, "wrong password", 401));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndStoresNothing(Endpoint endpoint, String kind, int status) {
        String id = ticket();
        long before = eventRows();
        Call call = switch (kind) {
            case "malformed JSON" ->
                post(endpoint.pathFor(id), "{\"subject\": \"s\",").as(endpoint.permitted());
            case "missing fields" ->
                post(endpoint.pathFor(id), endpoint.missing()).as(endpoint.permitted());
            case "oversize field" ->
                post(endpoint.pathFor(id), endpoint.oversize()).as(endpoint.permitted());
            case "body over 1 MiB" ->
                post(endpoint.pathFor(id), "{\"body\":\"" + "z".repeat(1024 * 1024 + 10) + "\"}")
                        .as(endpoint.permitted());
            case "unknown enum value" ->
                post(endpoint.pathFor(id), endpoint.unknownEnum()).as(endpoint.permitted());
            case "not JSON" ->
                post(endpoint.pathFor(id), "subject=s")
                        .contentType("text/plain")
                        .as(endpoint.permitted());
            case "unknown ticket" ->
                post(endpoint.pathFor(UNKNOWN), endpoint.valid()).as(endpoint.permitted());
            case "wrong role" -> post(endpoint.pathFor(id), endpoint.valid()).as(endpoint.forbidden());
            case "no credentials" -> post(endpoint.pathFor(id), endpoint.valid());
            case "wrong password" ->
                post(endpoint.pathFor(id), endpoint.valid()).as(endpoint.permitted(), "guess");
            default -> throw new IllegalArgumentException(kind);
        };
        Answer answer = call.send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 400 && !kind.equals("malformed JSON")) {
            assertThat(answer.json().get("errors")).as(answer.body()).isNotEmpty();
        }
        assertThat(eventRows()).isEqualTo(before);
    }

    private String ticket() {
        if (ticket == null) {
            ticket = openTicket();
        }
        return ticket;
    }
}
