package dev.supportdesk.platform.web;

import dev.supportdesk.platform.web.testing.StrictJsonChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** The checks each service runs on its own MVC, run here on the module's own test service. */
@SpringBootTest(classes = TestApp.class, properties = "server.address=127.0.0.1")
class StrictJsonChecksTest {

    @Autowired
    RequestMappingHandlerAdapter adapter;

    @TestFactory
    Stream<DynamicTest> springMvcReadsWithTheStrictMapper() {
        return StrictJsonChecks.everyRule(StrictJsonChecks.requestMapper(adapter));
    }
}
