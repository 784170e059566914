package dev.supportdesk.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.e2e.hostile.Commands.Command;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

    static final RequestGenerator.Fixture FIXTURE = new RequestGenerator.Fixture(
            List.of("T-11", "T-12", "T-13", "T-14"),
            List.of(new RequestGenerator.KeyedOpen("alice", "key-1", "{\"subject\":\"x\"}")));
    private static final int REQUESTS = 3_000;
    private static final List<String> PATHS = ApiPathsTest.paths();

    @Test
    void aSeedRegeneratesTheSameRequests() {
        RequestGenerator first = new RequestGenerator(42, FIXTURE, PATHS);
        RequestGenerator again = new RequestGenerator(42, FIXTURE, PATHS);
        for (int i = 0; i < REQUESTS; i += 7) {
            assertThat(again.request(i).wire("h:1"))
                    .as("request %d", i)
                    .isEqualTo(first.request(i).wire("h:1"));
        }
    }

    @Test
    void anotherSeedGivesOtherRequests() {
        RequestGenerator one = new RequestGenerator(1, FIXTURE, PATHS);
        RequestGenerator other = new RequestGenerator(2, FIXTURE, PATHS);
        long differing = IntStream.range(0, 500)
                .filter(i -> !one.request(i).wire("h:1").equals(other.request(i).wire("h:1")))
                .count();
        assertThat(differing).isGreaterThan(400);
    }

    @Test
    void everyRequestIsBytesWithoutWhatTheAnswerChecksLookFor() {
        Verdicts verdicts = new Verdicts(List.of(Caller.basic("alice", "alice").substring(6), "alice:alice"));
        RequestGenerator generator = new RequestGenerator(7, FIXTURE, PATHS);
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = generator.request(i);
            assertThat(verdicts.echoRisks(request)).as(request.describe()).isEmpty();
            assertThat(Wire.bytes(request.wire("h:1")))
                    .as("bytes of %s", request.kind())
                    .isNotEmpty();
        }
    }

    @Test
    void theSweepReachesEveryMethodOnEveryPathEveryFieldAndEveryQueueParameter() {
        RequestGenerator generator = new RequestGenerator(3, FIXTURE, PATHS);
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < generator.coverageSize(); i++) {
            kinds.add(generator.request(i).kind().replaceAll(" \\(.*", ""));
        }
        for (String method : RequestGenerator.METHODS) {
            for (String path : generator.paths()) {
                assertThat(kinds).contains("method:" + method + " " + path);
            }
        }
        for (Command command : Command.values()) {
            for (Commands.Field field : command.fieldsAndUnknown()) {
                assertThat(kinds).contains("field:" + command.name().toLowerCase() + "." + field.path() + ":injection");
            }
        }
        for (String parameter : QueryModel.QUEUE_PARAMETERS) {
            assertThat(kinds)
                    .contains("query:" + parameter + ":injection", "query:" + parameter + ":invalid-utf8-escape");
        }
        assertThat(kinds).contains("query:minVersion:number-edge");
        assertThat(generator.paths()).containsAll(PATHS).hasSameSizeAs(PATHS);
        assertThat(generator.coverageSize()).isLessThan(REQUESTS);
    }

    @Test
    void everyRequestHasItsOwnCorrelationIdOrProbesThatHeader() {
        RequestGenerator generator = new RequestGenerator(5, FIXTURE, PATHS);
        Set<String> ids = new HashSet<>();
        int probes = 0;
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = generator.request(i);
            if (request.correlationId() == null) {
                assertThat(request.kind()).startsWith("correlation:");
                probes++;
            } else {
                assertThat(request.correlationId()).matches("[A-Za-z0-9._:-]{1,100}");
                assertThat(ids.add(request.correlationId()))
                        .as("unique: %s", request.correlationId())
                        .isTrue();
            }
        }
        assertThat(probes).isGreaterThanOrEqualTo(RequestGenerator.CORRELATION_CASES);
    }

    @Test
    void theMixHasValidRequestsAndRefusalsAndBytesNoClientWouldSend() {
        RequestGenerator generator = new RequestGenerator(9, FIXTURE, PATHS);
        int valid = 0;
        int refused = 0;
        int invalidUtf8 = 0;
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = generator.request(i);
            if (request.kind().startsWith("valid:")) {
                valid++;
            }
            if (request.expect().outcome() == HostileRequest.Outcome.REFUSED) {
                refused++;
            }
            if (request.kind().contains("invalid-utf8")) {
                invalidUtf8++;
            }
        }
        assertThat(valid).isGreaterThan(REQUESTS / 20);
        assertThat(refused).isGreaterThan(REQUESTS / 4);
        assertThat(invalidUtf8).isGreaterThan(50);
    }
}
