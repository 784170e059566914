package dev.supportdesk.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static final String TOKEN = Caller.basic("alice", "alice").substring(6);
    private final Verdicts verdicts = new Verdicts(List.of(TOKEN, "s3cret-sla"));

    @Test
    void aProblemWithItsStatusIsRight() {
        assertThat(verdicts.problems(
                        get(HostileRequest.Expectation.ANY, 0),
                        problem(404, "{\"status\":404,\"title\":\"Not Found\"}")))
                .isEmpty();
    }

    @Test
    void aServerErrorIsWrong() {
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), problem(500, "{\"status\":500}")))
                .hasSize(1);
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), problem(502, "{\"status\":502}")))
                .hasSize(1);
    }

    @Test
    void a504IsRightOnlyForAMinVersionTheReadModelDidNotReach() {
        Answer timeout = problem(504, "{\"status\":504,\"version\":3}");
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 7), timeout))
                .isEmpty();
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 3), timeout))
                .hasSize(1);
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), timeout))
                .hasSize(1);
    }

    @Test
    void a4xxThatIsNotAProblemWithItsStatusIsWrong() {
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), answer(406, "", "")))
                .hasSize(1);
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), problem(400, "{\"status\":401}")))
                .hasSize(1);
        assertThat(verdicts.problems(
                        get(HostileRequest.Expectation.ANY, 0), answer(400, "text/html", "<html>bad</html>")))
                .hasSize(1);
    }

    @Test
    void aStackTraceAnSqlErrorOrACredentialInAnAnswerIsWrong() {
        HostileRequest request = get(HostileRequest.Expectation.ANY, 0);
        assertThat(verdicts.problems(
                        request, answer(200, "application/json", "{\"e\":\"java.lang.IllegalStateException\"}")))
                .isNotEmpty();
        assertThat(verdicts.problems(
                        request, answer(200, "application/json", "{\"e\":\"ERROR: syntax error at or near x\"}")))
                .isNotEmpty();
        assertThat(verdicts.problems(request, answer(200, "application/json", "{\"auth\":\"" + TOKEN + "\"}")))
                .isNotEmpty();
        assertThat(verdicts.problems(request, answer(200, "application/json", "{\"p\":\"s3cret-sla\"}")))
                .isNotEmpty();
    }

    @Test
    void whatMustBeRefusedMustNotSucceedAndWhatMustSucceedMustNotBeRefused() {
        assertThat(verdicts.problems(
                        get(HostileRequest.Expectation.refused("NUL"), 0), answer(200, "application/json", "{}")))
                .hasSize(1);
        assertThat(verdicts.problems(
                        get(HostileRequest.Expectation.success("valid"), 0), problem(400, "{\"status\":400}")))
                .hasSize(1);
    }

    @Test
    void noAnswerIsWrong() {
        assertThat(verdicts.problems(get(HostileRequest.Expectation.ANY, 0), Answer.none("reset", 1)))
                .hasSize(1);
    }

    private static HostileRequest get(HostileRequest.Expectation expect, long waitsFor) {
        return new HostileRequest(
                1,
                "test",
                "GET",
                "/api/tickets/T-1",
                "HTTP/1.1",
                true,
                List.of(),
                "",
                HostileRequest.Framing.LENGTH,
                Caller.person("alice"),
                "hx-1-1",
                expect,
                waitsFor);
    }

    private static Answer problem(int status, String body) {
        return answer(status, "application/problem+json", body);
    }

    private static Answer answer(int status, String contentType, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!contentType.isEmpty()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("Content-Type", contentType));
        }
        return new Answer(
                status,
                "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType,
                headers,
                Wire.utf8(body),
                null,
                1,
                false);
    }
}
