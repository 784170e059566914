package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import dev.supportdesk.platform.web.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The raw-request checks against a server with this module only (as the edge runs it), which also has a
 * welcome page as the edge has the console.
 */
@SpringBootTest(
        classes = TestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class EdgeAnswersTest {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyPort() {
        return EdgeChecks.everyPort(port, "/api/things/");
    }

    @Test
    void anErrorStatusSetWithoutABodyStillGetsAProblem() throws Exception {
        EdgeChecks.assertProblem(RawHttp.get(port, "/api/bare"), 409);
    }

    @Test
    void theWelcomePageAnswersAJsonOnlyClientWithA406Problem() throws Exception {
        EdgeChecks.assertProblem(RawHttp.get(port, "/", "Accept: application/json, application/problem+json"), 406);
    }

    @Test
    void theWelcomePageStillServesBrowsers() {
        RawHttp.Answer page = RawHttp.get(port, "/", "Accept: text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>");
    }
}
