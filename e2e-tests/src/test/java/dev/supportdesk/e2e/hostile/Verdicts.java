package dev.supportdesk.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules every answer obeys, whatever was asked: an answer at all; no 5xx (two documented exceptions
 * below); every 4xx a problem+json whose {@code status} is the HTTP status; nothing in any header or body
 * that shows the inside (a stack trace, an SQL error) or a credential; and what the request's own
 * expectation demands (a refusal for input the contract refuses, a success for a valid read).
 * <p>
 * The exceptions, each the platform's documented answer to that very request:
 * <ul>
 *     <li>{@code 504} to {@code GET /api/tickets/{id}?minVersion=N} when the read model did not reach N
 *     within its 5 s wait (API.md; ticket-query.md), recognised by the answer's own {@code version} being
 *     below N;</li>
 *     <li>{@code 505} to a request line with an HTTP version other than 1.0 and 1.1 (architecture.md lists
 *     "an unknown HTTP version" among Tomcat's refusals answered as problems; http-support's
 *     {@code EdgeChecks} expects 505 for {@code HTTP/1.7}). It counts as the refusal such a request must get.</li>
 * </ul>
 * A request line without any version is HTTP/0.9 to Tomcat, whose answer is a bare body: it must be a 4xx
 * problem (there are no headers to check).
 */
public final class Verdicts {

    /** Texts that only an internal error shows: stack frames, exception names, SQL and driver messages. */
    public static final List<String> LEAK_MARKERS = List.of(
            "at dev.",
            "Exception",
            "java.",
            "\tat ",
            "Caused by:",
            "org.springframework",
            "org.apache",
            "com.fasterxml",
            "jakarta.",
            "org.axonframework",
            "org.postgresql",
            "SQLState",
            "SQL state",
            "syntax error at or near",
            "duplicate key value",
            "bad SQL grammar",
            "jdbc:",
            "HikariPool",
            "current transaction is aborted",
            "invalid byte sequence for encoding",
            "Apache Tomcat");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> secrets;

    /** @param secrets credentials that must never appear in an answer (passwords, Basic tokens) */
    public Verdicts(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** Everything wrong with the answer; empty when it is right. */
    public List<String> problems(HostileRequest request, Answer answer) {
        List<String> problems = new ArrayList<>();
        if (!answer.answered()) {
            problems.add("no answer: " + answer.failure());
            return problems;
        }
        int status = answer.status();
        JsonNode problem = problemBody(request, answer);
        if (answer.simple()) {
            // HTTP/0.9 (Tomcat's answer to a request line without version) has no status line and no
            // headers: the body must be the problem itself, a refusal.
            if (!request.isSimpleRequest()) {
                problems.add("an answer without status line to a request that named its HTTP version");
            } else if (status < 400 || status >= 500) {
                problems.add("an HTTP/0.9 answer that is no 4xx problem");
            }
        } else if (status >= 500) {
            if (!documentedServerAnswer(request, answer, problem)) {
                problems.add("a " + status + " answer");
            }
        } else if (status >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                problems.add(
                        "a " + status + " answer that is not application/problem+json: '" + answer.contentType() + "'");
            } else if (!request.isHead()
                    && (problem == null
                            || !problem.path("status").isInt()
                            || problem.path("status").asInt() != status)) {
                problems.add("a " + status + " problem whose body does not say status " + status);
            }
        } else if (status < 200) {
            problems.add("an interim " + status + " as the final answer");
        }
        String everything = answer.head() + "\n" + answer.text() + "\n" + answer.body();
        for (String marker : LEAK_MARKERS) {
            if (everything.contains(marker)) {
                problems.add("the answer shows '" + marker.replace("\t", "\\t") + "'");
            }
        }
        for (String secret : secrets) {
            if (everything.contains(secret)) {
                problems.add(
                        "the answer holds a credential (" + secret.substring(0, Math.min(3, secret.length())) + "...)");
            }
        }
        switch (request.expect().outcome()) {
            case REFUSED -> {
                if ((status < 400 || status >= 500)
                        && !(status == 505 && documentedServerAnswer(request, answer, problem))) {
                    problems.add("answered " + status + " where the platform must refuse with a 4xx: "
                            + request.expect().why());
                }
            }
            case SUCCESS -> {
                if (status < 200 || status >= 300) {
                    problems.add("answered " + status + " to a valid request: "
                            + request.expect().why());
                }
            }
            default -> {}
        }
        return problems;
    }

    private static boolean documentedServerAnswer(HostileRequest request, Answer answer, JsonNode problem) {
        boolean isProblem = answer.contentType().startsWith("application/problem+json")
                && problem != null
                && problem.path("status").asInt() == answer.status();
        if (answer.status() == 504) {
            return isProblem
                    && request.method().equals("GET")
                    && request.waitsFor() > 0
                    && problem.path("version").isIntegralNumber()
                    && problem.path("version").asLong() < request.waitsFor();
        }
        if (answer.status() == 505) {
            return isProblem && request.asksForAnUnknownVersion();
        }
        return false;
    }

    private static JsonNode problemBody(HostileRequest request, Answer answer) {
        if (request.isHead()
                || answer.body().isEmpty()
                || !(answer.simple() || answer.contentType().contains("json"))) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(answer.text());
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** What the generator must never put into a request: a marker or a secret there could come back as an echo. */
    public List<String> echoRisks(HostileRequest request) {
        List<String> risks = new ArrayList<>();
        StringBuilder sent = new StringBuilder(request.method())
                .append(' ')
                .append(request.target())
                .append('\n');
        request.headers().stream()
                .filter(h -> !h.toLowerCase(Locale.ROOT).startsWith("authorization:"))
                .forEach(h -> sent.append(h).append('\n'));
        sent.append(request.body());
        String text = sent.toString();
        for (String marker : LEAK_MARKERS) {
            if (text.contains(marker)) {
                risks.add(marker);
            }
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                risks.add("a secret");
            }
        }
        return risks;
    }
}
