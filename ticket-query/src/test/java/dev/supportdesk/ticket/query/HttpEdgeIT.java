package dev.supportdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.platform.web.testing.EdgeChecks;
import dev.supportdesk.platform.web.testing.RawHttp;
import dev.supportdesk.platform.web.testing.StrictJsonChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * What a client can send to the read side that no query should ever see: each refused with a 4xx
 * problem naming the parameter, never a 500 or HTML. ticket-query takes no request bodies today; its
 * Spring MVC reads them with the platform's strict mapper all the same.
 */
class HttpEdgeIT extends QueryServiceIT {

    @Autowired
    RequestMappingHandlerAdapter adapter;

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
        return StrictJsonChecks.everyRule(StrictJsonChecks.requestMapper(adapter));
    }

    @Test
    void refusesANulInTheQueueSearchNamingIt() {
        HttpCalls.Answer answer = http().get("/api/tickets?q=%00", "alice");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("q");
    }

    @Test
    void refusesControlCharactersInEveryQueueFilter() {
        for (String parameter : new String[] {
            "status", "assignee", "group", "priority", "channel", "tag", "q", "sla", "sort", "page", "size"
        }) {
            HttpCalls.Answer answer = http().get("/api/tickets?" + parameter + "=a%01", "alice");

            assertThat(answer.status()).as(parameter + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly(parameter);
        }
    }

    @Test
    void refusesAMalformedEscapeInTheMinVersionWait() throws Exception {
        // No HTTP client sends a malformed escape; a socket does.
        RawHttp.Answer answer = RawHttp.get(
                port, "/api/tickets/T-1?minVersion=%zz", "Authorization: " + HttpCalls.basic("alice", "alice"));

        assertThat(EdgeChecks.assertProblem(answer, 400).get("errors").findValuesAsText("field"))
                .containsExactly("minVersion");
    }

    @Test
    void refusesAControlCharacterInATicketId() {
        HttpCalls.Answer answer = http().get("/api/tickets/T-1%07", "alice");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("path");
    }

    @Test
    void stillSearchesForAnyOtherText() {
        HttpCalls.Answer answer = http().get("/api/tickets?q=caf%C3%A9%20%F0%9F%98%80%09tab", "alice");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }
}
