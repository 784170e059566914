package dev.supportdesk.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Where the directory comes from: the YAML file named by {@code SUPPORT_USERS_FILE} (production), and,
 * with the {@code demo} profile only, the demo users of the public API. Both sit below the service's own
 * configuration, so {@code support.directory} set anywhere else still wins.
 */
public class DirectorySourcesPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String USERS_FILE = "SUPPORT_USERS_FILE";
    static final String DEMO_PROFILE = "demo";

    private final YamlPropertySourceLoader loader = new YamlPropertySourceLoader();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String usersFile = environment.getProperty(USERS_FILE);
        if (usersFile != null && !usersFile.isBlank()) {
            FileSystemResource file = new FileSystemResource(usersFile);
            if (!file.isReadable()) {
                throw new IllegalStateException(USERS_FILE + " names " + usersFile + ", which cannot be read");
            }
            load(environment, "support-users-file", file);
        }
        if (Arrays.asList(environment.getActiveProfiles()).contains(DEMO_PROFILE)) {
            load(environment, "support-demo-users", new ClassPathResource("support-demo-users.yml"));
        }
    }

    private void load(ConfigurableEnvironment environment, String name, Resource resource) {
        try {
            for (PropertySource<?> source : loader.load(name, resource)) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @Override
    public int getOrder() {
        // After Spring Boot has read the application's own configuration and the active profiles.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
