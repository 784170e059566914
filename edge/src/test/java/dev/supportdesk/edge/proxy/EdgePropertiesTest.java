package dev.supportdesk.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.edge.routing.Backend;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EdgePropertiesTest {

    @Test
    void takesACommaSeparatedListOfInstancesPerBackend() {
        EdgeProperties properties = bind(with(Map.of(
                "edge.backends.ticket-command", "http://127.0.0.1:8081,http://127.0.0.1:9081",
                "edge.backends.ticket-query", "http://127.0.0.1:8082, http://10.0.0.2:8082/")));

        assertThat(properties.backends().get(Backend.TICKET_COMMAND))
                .containsExactly(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:9081"));
        assertThat(properties.backends().get(Backend.TICKET_QUERY))
                .containsExactly(URI.create("http://127.0.0.1:8082"), URI.create("http://10.0.0.2:8082/"));
        assertThat(properties.backends().get(Backend.SLA_MONITOR)).containsExactly(URI.create("http://127.0.0.1:8083"));
    }

    @Test
    void refusesAMissingBackend() {
        Map<String, String> values = new HashMap<>(valid());
        values.remove("edge.backends.sla-monitor");

        assertThatThrownBy(() -> bind(values))
                .hasRootCauseMessage("edge.backends.sla-monitor must name at least one absolute http URL");
    }

    @Test
    void refusesAnInstanceThatIsNotAnAbsoluteHttpUrl() {
        for (String bad : new String[] {
            "127.0.0.1:8081", "/relative", "ftp://host/", "http://host:8081/?x=1", "http://a:8081,,http://b:8081"
        }) {
            assertThatThrownBy(() -> bind(with(Map.of("edge.backends.ticket-command", bad))))
                    .as(bad)
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatThrownBy(() -> bind(with(Map.of("edge.response-timeout", "0s"))))
                .hasRootCauseMessage("edge.response-timeout must be a positive duration, got PT0S");
    }

    private static Map<String, String> valid() {
        return Map.of(
                "edge.backends.ticket-command", "http://127.0.0.1:8081",
                "edge.backends.ticket-query", "http://127.0.0.1:8082",
                "edge.backends.sla-monitor", "http://127.0.0.1:8083",
                "edge.connect-timeout", "2s",
                "edge.response-timeout", "30s",
                "edge.stream-response-timeout", "1h",
                "edge.max-body-size", "1MB");
    }

    private static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(valid());
        all.putAll(overrides);
        return all;
    }

    private static EdgeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("edge", EdgeProperties.class);
    }
}
