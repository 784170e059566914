package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class ETagsTest {

    @Test
    void anETagIsTheVersionInQuotes() {
        assertThat(ETags.of(42)).isEqualTo("\"42\"");
    }

    @Test
    void ifMatchTakesAQuotedWeakOrBareVersion() {
        assertThat(ETags.expectedVersion("\"3\"")).isEqualTo(3L);
        assertThat(ETags.expectedVersion("W/\"12\"")).isEqualTo(12L);
        assertThat(ETags.expectedVersion(" 7 ")).isEqualTo(7L);
    }

    @Test
    void noIfMatchOrAStarSetsNoPrecondition() {
        assertThat(ETags.expectedVersion(null)).isNull();
        assertThat(ETags.expectedVersion(" ")).isNull();
        assertThat(ETags.expectedVersion("*")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "\"3\", \"4\"", "\"-1\"", "\"3.5\"", "\"1234567890123456789\""})
    void anyOtherIfMatchIsABadRequestNamingTheHeader(String header) {
        assertThatThrownBy(() -> ETags.expectedVersion(header)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.errors()).extracting("field").containsExactly("If-Match");
        });
    }

    @Test
    void ifNoneMatchListsAVersionOnlyByItsExactETag() {
        assertThat(ETags.listed("\"7\"", 7)).isTrue();
        assertThat(ETags.listed("\"5\", \"7\"", 7)).isTrue();
        assertThat(ETags.listed("\"5\",\"7\"", 7)).isTrue();
        assertThat(ETags.listed("\"6\"", 7)).isFalse();
        assertThat(ETags.listed("7", 7)).isFalse();
        assertThat(ETags.listed("\"17\"", 7)).isFalse();
        assertThat(ETags.listed(null, 7)).isFalse();
    }
}
