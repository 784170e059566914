package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;

/** The request filter refuses exactly the Accept headers that Spring's content negotiation cannot read. */
class AcceptHeaderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json, application/problem+json",
                "*/*",
                "text/html;q=0.9, */*;q=0.1",
                "application/json;charset=UTF-8",
                "",
                "APPLICATION/JSON"
            })
    void acceptsWhatNegotiationReads(String accept) {
        assertThat(RequestTextFilter.acceptProblem(List.of(accept))).isNull();
        assertThatCode(() -> negotiate(accept)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {";;;garbage//", "*/*;q=abc", "*/*;q=2", "json", "application/", "text/html;charset=\"", "/json"})
    void refusesWhatNegotiationCannotRead(String accept) {
        assertThat(RequestTextFilter.acceptProblem(List.of(accept)))
                .isEqualTo("is not a list of media types such as" + " application/json");
        assertThatThrownBy(() -> negotiate(accept)).isInstanceOf(HttpMediaTypeNotAcceptableException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {49, 50})
    void acceptsAsManyMediaTypesAsNegotiationSorts(int count) {
        String accept = list(count);

        assertThat(RequestTextFilter.acceptProblem(List.of(accept))).isNull();
        assertThatCode(() -> negotiate(accept)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {51, 581})
    void refusesMoreMediaTypesThanNegotiationSorts(int count) {
        String accept = list(count);

        assertThat(RequestTextFilter.acceptProblem(List.of(accept)))
                .isEqualTo("lists " + count + " media types, more than content negotiation reads");
        assertThatThrownBy(() -> negotiate(accept)).isInstanceOf(HttpMediaTypeNotAcceptableException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {26, 40})
    void countsTheMediaTypesOfEveryAcceptHeaderTogether(int each) {
        String accept = list(each);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept", accept);
        request.addHeader("Accept", accept);

        assertThat(RequestTextFilter.acceptProblem(List.of(accept, accept))).isNotNull();
        assertThatThrownBy(
                        () -> new HeaderContentNegotiationStrategy().resolveMediaTypes(new ServletWebRequest(request)))
                .isInstanceOf(HttpMediaTypeNotAcceptableException.class);
    }

    private static void negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept", accept);
        new HeaderContentNegotiationStrategy().resolveMediaTypes(new ServletWebRequest(request));
    }

    private static String list(int count) {
        StringBuilder accept = new StringBuilder("application/json;q=0.9");
        for (int i = 1; i < count; i++) {
            accept.append(", text/x-pad-").append(i);
        }
        return accept.toString();
    }
}
