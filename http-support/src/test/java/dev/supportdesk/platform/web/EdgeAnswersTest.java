package dev.supportdesk.platform.web;

import java.util.stream.Stream;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The raw-request checks against a server with this module only (as the edge runs it). */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class EdgeAnswersTest {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyPort() {
        return EdgeChecks.everyPort(port, "/api/things/");
    }
}
