package dev.supportdesk.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.platform.security.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = ProblemAnswersTest.App.class, properties = "support.kafka.topic-management.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class ProblemAnswersTest {

    @Autowired
    MockMvc mvc;

    @Test
    void answersUnauthenticatedCallsWithProblemAndChallenge() throws Exception {
        mvc.perform(get("/api/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        mvc.perform(get("/api/whoami").with(basic("alice", "bob"))).andExpect(status().isUnauthorized());
    }

    @Test
    void namesTheCallerAndTheirMostPowerfulRole() throws Exception {
        mvc.perform(get("/api/whoami").with(basic("sam", "sam")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("sam"))
                .andExpect(jsonPath("$.role").value("SUPERVISOR"));
    }

    @Test
    void answersAForbiddenRoleWithProblem() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\":\"x\",\"channel\":\"PHONE\"}")
                        .with(basic("audrey", "audrey")))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void answersMalformedJsonWithBadRequest() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\": ").with(basic("alice", "alice")))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.title").value("Malformed JSON"));
    }

    @Test
    void namesTheFieldAndTheAllowedValuesOfAnUnknownEnumValue() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\":\"x\",\"channel\":\"PIGEON\"}")
                        .with(basic("alice", "alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"))
                .andExpect(jsonPath("$.errors[0].message", containsString("PHONE")));
    }

    @Test
    void listsEveryInvalidField() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\":\"\"}").with(basic("alice", "alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)));
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        mvc.perform(post("/api/things")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("name=x")
                        .with(basic("alice", "alice")))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    @Test
    void refusesADeclaredOversizeBodyBeforeAuthentication() throws Exception {
        byte[] body = new byte[(int) RequestSizeLimitFilter.LIMIT_BYTES + 1];
        mvc.perform(post("/api/things").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    @Test
    void refusesAnOversizeBodyWithoutContentLength() throws Exception {
        String big =
                "{\"name\":\"" + "x".repeat((int) RequestSizeLimitFilter.LIMIT_BYTES) + "\",\"channel\":\"PHONE\"}";
        MockHttpServletRequestBuilder request = post("/api/things")
                .with(basic("alice", "alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(big.getBytes(StandardCharsets.UTF_8))
                .with(r -> {
                    r.removeHeader("Content-Length");
                    return r;
                });
        mvc.perform(request.with(r -> new ChunkedRequest(r))).andExpect(status().isPayloadTooLarge());
    }

    @Test
    void answersAnApiProblemWithItsStatusAndExtraMembers() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\":\"closed\",\"channel\":\"PHONE\"}")
                        .with(basic("alice", "alice")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Thing is CLOSED"))
                .andExpect(jsonPath("$.state").value("CLOSED"));
    }

    @Test
    void answersAnUnexpectedFailureWithoutItsInside() throws Exception {
        mvc.perform(json(post("/api/things"), "{\"name\":\"boom\",\"channel\":\"PHONE\"}")
                        .with(basic("alice", "alice")))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.not(containsString("secret"))));
    }

    @Test
    void answersAnUnknownPathWithProblem() throws Exception {
        mvc.perform(get("/api/nothing-here").with(basic("alice", "alice")))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    @Test
    void echoesASensibleCorrelationIdAndReplacesAnInsaneOne() throws Exception {
        mvc.perform(get("/api/whoami").header(CorrelationId.HEADER, "req-42").with(basic("bob", "bob")))
                .andExpect(header().string(CorrelationId.HEADER, "req-42"))
                .andExpect(jsonPath("$.correlationId").value("req-42"));
        mvc.perform(get("/api/whoami").header(CorrelationId.HEADER, "<script>").with(basic("bob", "bob")))
                .andExpect(
                        header().string(CorrelationId.HEADER, org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void leavesHealthOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().is(org.hamcrest.Matchers.not(401)));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(
            String user, String password) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic(
                user, password);
    }

    /** A request whose body length is unknown, as with chunked transfer encoding. */
    private static final class ChunkedRequest extends org.springframework.mock.web.MockHttpServletRequest {
        ChunkedRequest(org.springframework.mock.web.MockHttpServletRequest original) {
            super(original.getServletContext(), original.getMethod(), original.getRequestURI());
            setContent(original.getContentAsByteArray());
            setContentType(original.getContentType());
            java.util.Collections.list(original.getHeaderNames())
                    .forEach(name -> java.util.Collections.list(original.getHeaders(name))
                            .forEach(value -> addHeader(name, value)));
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }
    }

    record ThingRequest(
            @NotBlank @Size(max = 20) String name, @NotNull Channel channel) {}

    record Me(String name, String role, String correlationId) {}

    @SpringBootApplication
    static class App {
        @RestController
        static class Things {
            @GetMapping("/api/whoami")
            Me whoami() {
                Actor actor = Actor.current();
                return new Me(actor.name(), actor.role().name(), CorrelationId.current());
            }

            @PostMapping("/api/things")
            @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','ADMIN')")
            String create(@Valid @RequestBody ThingRequest request) {
                if (request.name().equals("closed")) {
                    throw ApiProblem.conflict("Thing is CLOSED").with("state", "CLOSED");
                }
                if (request.name().equals("boom")) {
                    throw new IllegalStateException("secret inner detail");
                }
                return "{}";
            }
        }
    }
}
