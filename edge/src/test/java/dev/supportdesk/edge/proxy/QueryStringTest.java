package dev.supportdesk.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"q=printer", "q=printer%20jam&status=OPEN,PENDING", "q=caf%C3%A9", "q=%e2%82%ac", "flag",
            "a=&b=", "q=a+b", "q=%25zz", "q=%00", "tags=a%2Cb", "x=[1]", "path=/a/b?c"})
    void acceptsWellFormedQueryStrings(String raw) {
        assertThat(QueryString.problems(raw)).isEmpty();
    }

    @Test
    void namesTheParameterWhoseValueHasAMalformedEscape() {
        assertThat(QueryString.problems("status=OPEN&q=%zz"))
                .containsExactly(new QueryString.Problem("q", "the value has a malformed percent-escape '%zz' "
                        + "(a % must be followed by two hex digits)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%", "q=%2", "q=50%", "q=%g0", "q=ab%2x"})
    void refusesEveryPercentNotFollowedByTwoHexDigits(String raw) {
        assertThat(QueryString.problems(raw)).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("q");
                    assertThat(problem.message()).contains("malformed percent-escape");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%FF", "q=%C0%80", "q=%ED%A0%80", "q=%E2%82"})
    void refusesEscapesThatAreNotUtf8(String raw) {
        assertThat(QueryString.problems(raw)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not UTF-8"));
    }

    @Test
    void namesAParameterByItsDecodedNameAndAMalformedNameAsWritten() {
        assertThat(QueryString.problems("caf%C3%A9=%zz")).extracting(QueryString.Problem::field).containsExactly("café");
        assertThat(QueryString.problems("pa%zzge=1")).extracting(QueryString.Problem::field).containsExactly("pa%zzge");
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        assertThat(QueryString.problems("a=%zz&b=ok&c=%FF")).extracting(QueryString.Problem::field).containsExactly("a", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=a b", "q=a\"b", "q=<x>", "q=a|b", "q=\u00e9"})
    void refusesCharactersThatMustBeEncoded(String raw) {
        assertThat(QueryString.problems(raw)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("must be percent-encoded"));
    }
}
