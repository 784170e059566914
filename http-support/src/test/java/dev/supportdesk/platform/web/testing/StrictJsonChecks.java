package dev.supportdesk.platform.web.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Proves that a running service reads JSON bodies with the platform's strict mapper, rule by rule, for
 * the kinds of field its own endpoints may not have yet (numbers, booleans, decimals).
 */
public final class StrictJsonChecks {

    public enum Kind {
        PHONE,
        EMAIL
    }

    public record Probe(
            String text,
            int count,
            long big,
            boolean flag,
            double ratio,
            Kind kind,
            Instant at,
            Duration pause,
            List<String> tags) {}

    private static final String VALID = "{\"text\":\"t\",\"count\":1,\"big\":2,\"flag\":true,\"ratio\":0.5,"
            + "\"kind\":\"PHONE\",\"at\":\"2026-11-25T09:30:00Z\",\"pause\":\"PT4H\",\"tags\":[\"a\"]}";

    private StrictJsonChecks() {}

    /** The mapper the service's Spring MVC reads {@code application/json} bodies with. */
    public static ObjectMapper requestMapper(RequestMappingHandlerAdapter adapter) {
        for (HttpMessageConverter<?> converter : adapter.getMessageConverters()) {
            if (converter.canRead(Probe.class, MediaType.APPLICATION_JSON)) {
                assertThat(converter).isInstanceOf(MappingJackson2HttpMessageConverter.class);
                return ((MappingJackson2HttpMessageConverter) converter).getObjectMapper();
            }
        }
        throw new AssertionError("no converter reads application/json");
    }

    public static Stream<DynamicTest> everyRule(ObjectMapper mapper) {
        return Stream.of(
                refused(mapper, "a number given as a string", "\"count\":1", "\"count\":\"1\""),
                refused(mapper, "a boolean given as a string", "\"flag\":true", "\"flag\":\"true\""),
                refused(mapper, "a boolean given as a number", "\"flag\":true", "\"flag\":1"),
                refused(mapper, "a string given as a number", "\"text\":\"t\"", "\"text\":5"),
                refused(mapper, "an enum by ordinal", "\"PHONE\"", "0"),
                refused(mapper, "an enum with a trailing space", "\"PHONE\"", "\"PHONE \""),
                refused(mapper, "an enum in other case", "\"PHONE\"", "\"phone\""),
                refused(mapper, "a float for an integer", "\"count\":1", "\"count\":1.0"),
                refused(mapper, "null for a primitive", "\"count\":1", "\"count\":null"),
                refused(mapper, "an int beyond its range", "\"count\":1", "\"count\":2147483648"),
                refused(mapper, "a double beyond its range", "\"ratio\":0.5", "\"ratio\":1e400"),
                refused(mapper, "an instant as a number", "\"2026-11-25T09:30:00Z\"", "1795685400"),
                refused(mapper, "a duration as a number", "\"PT4H\"", "14400"),
                refused(mapper, "NUL in a string", "\"text\":\"t\"", "\"text\":\"\\u0000\""),
                refused(mapper, "an unpaired surrogate", "\"text\":\"t\"", "\"text\":\"\\ud800\""),
                refused(mapper, "a duplicate key", "\"text\":\"t\"", "\"text\":\"t\",\"text\":\"u\""),
                refused(
                        mapper,
                        "nesting deeper than 64",
                        "\"text\":\"t\"",
                        "\"text\":\"t\",\"x\":" + "[".repeat(64) + "]".repeat(64)),
                DynamicTest.dynamicTest(
                        "trailing garbage is refused",
                        () -> assertThatThrownBy(() -> mapper.readValue(VALID + "x", Probe.class))
                                .isNotNull()),
                DynamicTest.dynamicTest("overlong UTF-8 is refused", () -> {
                    String text = VALID.replace("\"t\"", "\"??\"");
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    int at = text.indexOf("??");
                    body[at] = (byte) 0xC0;
                    body[at + 1] = (byte) 0x80;
                    assertThatThrownBy(() -> mapper.readValue(body, Probe.class))
                            .isInstanceOf(CharacterCodingException.class);
                }),
                DynamicTest.dynamicTest(
                        "the valid body is read, unknown fields ignored",
                        () -> assertThat(mapper.readValue(VALID.replace("}", ",\"later\":{\"x\":1}}"), Probe.class)
                                        .count())
                                .isEqualTo(1)));
    }

    private static DynamicTest refused(ObjectMapper mapper, String name, String what, String with) {
        return DynamicTest.dynamicTest(name + " is refused", () -> {
            assertThat(VALID).contains(what);
            assertThatThrownBy(() -> mapper.readValue(VALID.replace(what, with), Probe.class))
                    .isNotNull();
        });
    }
}
