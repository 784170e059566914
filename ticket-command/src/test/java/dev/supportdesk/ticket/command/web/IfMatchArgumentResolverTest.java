package dev.supportdesk.ticket.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.platform.web.ApiProblem;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class IfMatchArgumentResolverTest {

    private final IfMatchArgumentResolver resolver = new IfMatchArgumentResolver();

    @SuppressWarnings("unused")
    void handler(@IfMatch Long expectedVersion, Long other, @IfMatch String wrongType) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method method =
                IfMatchArgumentResolverTest.class.getDeclaredMethod("handler", Long.class, Long.class, String.class);
        return new MethodParameter(method, index);
    }

    private Long resolve(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/tickets/T-1/close");
        if (header != null) {
            request.addHeader("If-Match", header);
        }
        return resolver.resolveArgument(parameter(0), null, new ServletWebRequest(request), null);
    }

    @Test
    void resolvesOnlyAnnotatedLongParameters() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
        assertThatThrownBy(() -> resolver.supportsParameter(parameter(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aQuotedWeakOrBareVersionIsTheExpectedVersion() throws Exception {
        assertThat(resolve("\"3\"")).isEqualTo(3L);
        assertThat(resolve("W/\"12\"")).isEqualTo(12L);
        assertThat(resolve(" 7 ")).isEqualTo(7L);
    }

    @Test
    void noHeaderOrAStarIsNoPrecondition() throws Exception {
        assertThat(resolve(null)).isNull();
        assertThat(resolve("")).isNull();
        assertThat(resolve("*")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "\"3\", \"4\"", "\"-1\"", "\"3.5\"", "\"1234567890123456789\""})
    void anythingElseIsABadRequestNamingTheHeader(String header) {
        assertThatThrownBy(() -> resolve(header)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.errors()).extracting("field").containsExactly("If-Match");
        });
    }
}
