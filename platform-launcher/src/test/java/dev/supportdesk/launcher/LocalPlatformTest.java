package dev.supportdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlatformTest {

    @Test
    void servicesGetTheCommonVariablesWithTheConfiguredPorts() {
        LocalPlatform platform = LocalPlatform.builder()
                .fromEnvironment(Map.of(
                        "PG_PORT",
                        "25432",
                        "KAFKA_PORT",
                        "29092",
                        "EDGE_PORT",
                        "18080",
                        "COMMAND_PORT",
                        "18081",
                        "QUERY_PORT",
                        "18082",
                        "SLA_PORT",
                        "18083"))
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
        LocalPlatform platform =
                LocalPlatform.builder().fromEnvironment(Map.of()).build();

        assertThat(platform.edgeUrl()).isEqualTo("http://localhost:8080");
        assertThat(platform.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/supportdesk");
        assertThat(platform.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(platform.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(platform.logDirectory()).isEqualTo(Path.of("data", "logs").toAbsolutePath());
    }

    @Test
    void eachServiceHasItsOwnHeapLimitAndTheCommonOptionsComeAfterIt() {
        LocalPlatform defaults =
                LocalPlatform.builder().fromEnvironment(Map.of()).build();

        assertThat(defaults.jvmOptions(Service.TICKET_COMMAND)).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(defaults.jvmOptions(Service.TICKET_QUERY)).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(defaults.jvmOptions(Service.SLA_MONITOR)).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(defaults.jvmOptions(Service.EDGE)).containsExactly("-Xmx128m", "-XX:+UseSerialGC");

        // The JVM obeys the last -Xmx, so the operator's options override every service's own limit.
        LocalPlatform configured = LocalPlatform.builder()
                .fromEnvironment(Map.of("SERVICE_JVM_OPTIONS", " -Xmx1g  -XX:+UseG1GC "))
                .build();
        assertThat(configured.jvmOptions(Service.EDGE)).containsExactly("-Xmx128m", "-Xmx1g", "-XX:+UseG1GC");
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
        assertThatThrownBy(() ->
                        LocalPlatform.builder().fromEnvironment(Map.of("PLATFORM_SERVICES", "ticket-command,billing")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("unknown service 'billing'");
    }

    @Test
    void theSamePortTwiceIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        LocalPlatform platform = LocalPlatform.builder()
                .infrastructureOnly()
                .dataDirectory(data)
                .randomPorts()
                .kafkaControllerPort(45678)
                .kafkaPort(45678)
                .build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("Port 45678 is given twice");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void randomPortsAreDistinct() {
        LocalPlatform platform = LocalPlatform.builder().randomPorts().build();

        assertThat(java.util.stream.Stream.of(Service.values())
                        .map(platform::port)
                        .distinct())
                .hasSize(4);
    }

    @Test
    void oneInstanceKeepsTheSingleUrlOfToday() {
        LocalPlatform platform =
                LocalPlatform.builder().fromEnvironment(Map.of()).build();

        assertThat(platform.instanceCount(Service.TICKET_QUERY)).isEqualTo(1);
        assertThat(platform.serviceEnvironment())
                .containsEntry("QUERY_URL", "http://127.0.0.1:8082")
                .containsEntry("COMMAND_URL", "http://127.0.0.1:8081");
        assertThat(platform.instanceEnvironment(Service.TICKET_QUERY, 1)).containsEntry("QUERY_PORT", "8082");
    }

    @Test
    void furtherInstancesListenAHundredPortsApartAndAreListedInTheUrlVariable() {
        LocalPlatform platform = LocalPlatform.builder()
                .fromEnvironment(Map.of("COMMAND_INSTANCES", "2", "QUERY_INSTANCES", "3", "QUERY_PORT", "9082"))
                .build();

        assertThat(platform.port(Service.TICKET_QUERY, 1)).isEqualTo(9082);
        assertThat(platform.port(Service.TICKET_QUERY, 2)).isEqualTo(9182);
        assertThat(platform.port(Service.TICKET_QUERY, 3)).isEqualTo(9282);
        assertThat(platform.serviceEnvironment())
                .containsEntry("QUERY_URL", "http://127.0.0.1:9082,http://127.0.0.1:9182,http://127.0.0.1:9282")
                .containsEntry("COMMAND_URL", "http://127.0.0.1:8081,http://127.0.0.1:8181")
                .containsEntry("SLA_URL", "http://127.0.0.1:8083");
        // Each process is told its own port; the list of all reaches every process alike.
        assertThat(platform.instanceEnvironment(Service.TICKET_QUERY, 3))
                .containsEntry("QUERY_PORT", "9282")
                .containsEntry("COMMAND_PORT", "8081")
                .containsEntry("QUERY_URL", "http://127.0.0.1:9082,http://127.0.0.1:9182,http://127.0.0.1:9282");
        assertThat(platform.instanceEnvironment(Service.TICKET_COMMAND, 2)).containsEntry("COMMAND_PORT", "8181");
        assertThat(platform.instanceEnvironment(Service.EDGE, 1)).containsEntry("EDGE_PORT", "8080");
        assertThat(platform.logFile(Service.TICKET_QUERY, 2)).hasFileName("ticket-query-2.log");
        assertThat(platform.logFile(Service.SLA_MONITOR, 1)).hasFileName("sla-monitor.log");
    }

    @Test
    void randomPortsCoverEveryInstanceWhicheverOrderTheBuilderIsCalledIn() {
        LocalPlatform platform = LocalPlatform.builder()
                .randomPorts()
                .instances(Service.TICKET_COMMAND, 2)
                .instances(Service.TICKET_QUERY, 2)
                .instances(Service.SLA_MONITOR, 2)
                .build();

        List<Integer> all = new java.util.ArrayList<>();
        for (Service service : Service.values()) {
            for (int n = 1; n <= platform.instanceCount(service); n++) {
                all.add(platform.port(service, n));
            }
        }
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void theEdgeRunsOnceAndCountsAreBounded() {
        assertThatThrownBy(() -> LocalPlatform.builder().instances(Service.EDGE, 2))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("one public origin");
        assertThatThrownBy(() -> LocalPlatform.builder().instances(Service.TICKET_QUERY, 0))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("between 1 and 9");
        assertThatThrownBy(() -> LocalPlatform.builder().fromEnvironment(Map.of("SLA_INSTANCES", "two")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("SLA_INSTANCES must be a number, was 'two'");
        assertThatThrownBy(() -> LocalPlatform.builder().fromEnvironment(Map.of("SLA_INSTANCES", "12")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("SLA_INSTANCES must be between 1 and 9");
    }

    @Test
    void anInstancePortThatClashesIsNamedBeforeAnythingStarts(@TempDir Path data) {
        // The second ticket-command instance would land on ticket-query's port.
        LocalPlatform platform = LocalPlatform.builder()
                .dataDirectory(data)
                .rootDirectory(data)
                .servicePort(Service.TICKET_COMMAND, 8001)
                .servicePort(Service.TICKET_QUERY, 8101)
                .instances(Service.TICKET_COMMAND, 2)
                .build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("Port 8101 is given twice")
                .hasMessageContaining("COMMAND_PORT (instance 2)");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void theClasspathOfAManifestOnlyJarIsExpanded(@TempDir Path directory) throws IOException {
        Path library = Files.createFile(directory.resolve("library.jar"));
        Path booter = directory.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        "library.jar " + directory.resolve("classes").toUri());
        try (OutputStream out = Files.newOutputStream(booter);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        assertThat(Classpath.expanded(booter.toString()).split(File.pathSeparator))
                .containsExactly(
                        booter.toString(),
                        library.toString(),
                        directory.resolve("classes").toString());
    }
}
