package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformJsonTest {

    record Stamp(Instant at, Duration took) {}

    @Test
    void writesInstantsAndDurationsAsIsoStrings() throws Exception {
        String json = PlatformJson.base()
                .writeValueAsString(new Stamp(Instant.parse("2026-11-25T09:30:00Z"), Duration.ofHours(4)));

        assertThat(json).isEqualTo("{\"at\":\"2026-11-25T09:30:00Z\",\"took\":\"PT4H\"}");
    }

    @Test
    void baseReadsWhateverWasStoredIncludingTextTheApiRefuses() throws Exception {
        ObjectMapper base = PlatformJson.base();

        Map<?, ?> stored = base.readValue("{\"body\":\"a\\u0000b\",\"unknown\":1}", Map.class);

        assertThat(stored.get("body")).isEqualTo("a\u0000b");
        assertThat(base.readValue("{\"at\":\"2026-11-25T09:30:00Z\",\"took\":\"PT4H\",\"later\":true}", Stamp.class))
                .isEqualTo(new Stamp(Instant.parse("2026-11-25T09:30:00Z"), Duration.ofHours(4)));
    }

    @Test
    void strictRequestsRefuseWhatBaseAccepts() throws Exception {
        ObjectMapper strict = PlatformJson.strictRequests();

        assertThatThrownBy(() -> strict.readValue("{\"body\":\"a\\u0000b\"}", Map.class))
                .isInstanceOf(RefusedJsonException.class);
        assertThatThrownBy(() -> strict.readValue("{\"at\":1795685400}", Stamp.class))
                .hasMessageContaining("Instant");
        assertThat(strict.readValue("{\"at\":\"2026-11-25T09:30:00Z\",\"unknown\":1}", Stamp.class)
                        .at())
                .isEqualTo(Instant.parse("2026-11-25T09:30:00Z"));
    }

    @Test
    void strictCopiesStayStrict() {
        assertThatThrownBy(() -> PlatformJson.strictRequests().copy().readValue("{\"a\":1,\"a\":2}", Map.class))
                .isInstanceOf(RefusedJsonException.class);
    }
}
