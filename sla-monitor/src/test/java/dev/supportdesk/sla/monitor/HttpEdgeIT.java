package dev.supportdesk.sla.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import dev.supportdesk.platform.web.testing.RawHttp;
import dev.supportdesk.platform.web.testing.StrictJsonChecks;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * sla-monitor's port answers what no endpoint sees like every other port of the platform: a 4xx
 * problem, never HTML or a 500. It serves health only today; its Spring MVC still reads any body with
 * the platform's strict mapper.
 */
class HttpEdgeIT {

    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(SlaMonitorApplication.class)
                .run(
                        "--SLA_PORT=0",
                        "--DB_URL=" + TestPostgres.newDatabase(),
                        "--DB_USER=" + TestPostgres.USER,
                        "--DB_PASSWORD=" + TestPostgres.PASSWORD,
                        "--KAFKA_BOOTSTRAP=" + TestKafka.bootstrapServers(),
                        "--TICKET_TOPIC=" + TestKafka.newTopic(1),
                        "--TOPIC_PARTITIONS=1",
                        // Nothing here fires a deadline, so nothing calls it.
                        "--COMMAND_URL=http://127.0.0.1:9");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPort() {
        return EdgeChecks.everyPort(port, "/api/tickets/");
    }

    @TestFactory
    Stream<DynamicTest> firewall() {
        return EdgeChecks.firewall(port, "/api/tickets/");
    }

    @TestFactory
    Stream<DynamicTest> springMvcReadsWithTheStrictMapper() {
        return StrictJsonChecks.everyRule(
                StrictJsonChecks.requestMapper(service.getBean(RequestMappingHandlerAdapter.class)));
    }

    @Test
    void refusesANulInAHealthQuery() throws Exception {
        assertThat(EdgeChecks.assertProblem(RawHttp.get(port, "/actuator/health?probe=%00"), 400)
                        .get("errors")
                        .findValuesAsText("field"))
                .containsExactly("probe");
        assertThat(RawHttp.get(port, "/actuator/health").status()).isEqualTo(200);
    }
}
