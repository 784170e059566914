package dev.supportdesk.ticket.command.sla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The SLA settings as the service binds them: {@code support.sla.*} from its application.yml, where the documented
 * defaults are written, with a test's own settings on top.
 */
public final class SlaSettings {

    private SlaSettings() {}

    /** The policies application.yml configures. */
    public static ConfiguredSlaPolicies documented() {
        return policies(Map.of());
    }

    /** The policies with these settings over application.yml's, e.g. {@code support.sla.warn-at-percent -> 50}. */
    public static ConfiguredSlaPolicies policies(Map<String, String> settings) {
        return new ConfiguredSlaPolicies(properties(settings));
    }

    public static SlaProperties properties(Map<String, String> settings) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                sources.addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bind("support.sla", SlaProperties.class)
                .get();
    }
}
