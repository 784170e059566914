package dev.supportdesk.ticket.command;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Requests no controller sees, against the started service: each a 4xx problem, never HTML or a 500. */
class HttpEdgeIT extends CommandApiTestSupport {

    @TestFactory
    Stream<DynamicTest> everyPort() {
        return EdgeChecks.everyPort(port, "/api/tickets/");
    }

    @TestFactory
    Stream<DynamicTest> firewall() {
        return EdgeChecks.firewall(port, "/api/tickets/");
    }
}
