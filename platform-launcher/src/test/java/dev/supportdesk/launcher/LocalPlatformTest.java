package dev.supportdesk.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPlatformTest {

    @Test
    void servicesGetTheCommonVariablesWithTheConfiguredPorts() {
        LocalPlatform platform = LocalPlatform.builder()
                .fromEnvironment(Map.of("PG_PORT", "25432", "KAFKA_PORT", "29092", "EDGE_PORT", "18080",
                        "COMMAND_PORT", "18081", "QUERY_PORT", "18082", "SLA_PORT", "18083"))
                .serviceEnvironment("TOPIC_PARTITIONS", "3")
                .build();

        assertThat(platform.serviceEnvironment())
                .containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:25432/supportdesk")
                .containsEntry("DB_USER", "supportdesk")
                .containsEntry("DB_PASSWORD", "supportdesk")
                .containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:29092")
                .containsEntry("BIND_ADDRESS", "127.0.0.1")
                .containsEntry("SPRING_PROFILES_ACTIVE", "demo")
                .containsEntry("EDGE_PORT", "18080")
                .containsEntry("COMMAND_PORT", "18081")
                .containsEntry("QUERY_PORT", "18082")
                .containsEntry("SLA_PORT", "18083")
                .containsEntry("COMMAND_URL", "http://127.0.0.1:18081")
                .containsEntry("QUERY_URL", "http://127.0.0.1:18082")
                .containsEntry("SLA_URL", "http://127.0.0.1:18083")
                .containsEntry("TOPIC_PARTITIONS", "3");
        assertThat(platform.edgeUrl()).isEqualTo("http://localhost:18080");
    }

    @Test
    void defaultsAreThoseOfTheLocalStart() {
        LocalPlatform platform = LocalPlatform.builder().fromEnvironment(Map.of()).build();

        assertThat(platform.edgeUrl()).isEqualTo("http://localhost:8080");
        assertThat(platform.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/supportdesk");
        assertThat(platform.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(platform.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(platform.logDirectory()).isEqualTo(Path.of("data", "logs").toAbsolutePath());
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> LocalPlatform.builder().fromEnvironment(Map.of("KAFKA_PORT", "ninety")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("KAFKA_PORT must be a number, was 'ninety'");
        assertThatThrownBy(() -> LocalPlatform.builder().fromEnvironment(Map.of("EDGE_PORT", "70000")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("EDGE_PORT must be a port between 1 and 65535");
    }

    @Test
    void anUnknownServiceNameIsRefused() {
        assertThatThrownBy(() -> LocalPlatform.builder().fromEnvironment(Map.of("PLATFORM_SERVICES", "ticket-command,billing")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("unknown service 'billing'");
    }

    @Test
    void theSamePortTwiceIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        LocalPlatform platform = LocalPlatform.builder().infrastructureOnly().dataDirectory(data)
                .randomPorts().kafkaControllerPort(45678).kafkaPort(45678).build();

        assertThatThrownBy(platform::start).isInstanceOf(PlatformException.class)
                .hasMessageContaining("Port 45678 is given twice");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void randomPortsAreDistinct() {
        LocalPlatform platform = LocalPlatform.builder().randomPorts().build();

        assertThat(java.util.stream.Stream.of(Service.values()).map(platform::port).distinct()).hasSize(4);
    }

    @Test
    void theClasspathOfAManifestOnlyJarIsExpanded(@TempDir Path directory) throws IOException {
        Path library = Files.createFile(directory.resolve("library.jar"));
        Path booter = directory.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "library.jar " + directory.resolve("classes").toUri());
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        assertThat(Classpath.expanded(booter.toString()).split(File.pathSeparator))
                .containsExactly(booter.toString(), library.toString(), directory.resolve("classes").toString());
    }
}
