package dev.supportdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several instances of a service, each its own process on its own port with its own log, stopped, killed
 * and started one at a time. The service jars are stand-ins ({@link FakeService}) so that the launcher is
 * tested without building the real services; PostgreSQL and Kafka are real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceInstancesIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Path root;
    private static LocalPlatform platform;

    @BeforeAll
    static void startTwoQueryInstancesAndOneMonitor() throws IOException {
        root = Files.createTempDirectory(Path.of("target"), "instances-it-");
        fakeJar("ticket-query");
        fakeJar("sla-monitor");
        platform = LocalPlatform.builder()
                .rootDirectory(root)
                .dataDirectory(root.resolve("data"))
                .randomPorts()
                .services(Set.of(Service.TICKET_QUERY, Service.SLA_MONITOR))
                .instances(Service.TICKET_QUERY, 2)
                .serviceJvmOptions("-Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                .serviceArguments(Service.TICKET_QUERY, "QUERY_PORT")
                .serviceArguments(Service.SLA_MONITOR, "SLA_PORT")
                .progressTo(new PrintStream(new ByteArrayOutputStream()))
                .build()
                .start();
    }

    @AfterAll
    static void stopAndClean() throws IOException {
        if (platform != null) {
            platform.close();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void eachInstanceListensOnItsOwnPortAndEveryServiceSeesTheListOfAll() throws Exception {
        int first = platform.port(Service.TICKET_QUERY, 1);
        int second = platform.port(Service.TICKET_QUERY, 2);
        assertThat(first).isNotEqualTo(second);
        assertThat(platform.instanceCount(Service.TICKET_QUERY)).isEqualTo(2);
        assertThat(platform.instanceCount(Service.SLA_MONITOR)).isEqualTo(1);
        String queryUrls = "http://127.0.0.1:" + first + ",http://127.0.0.1:" + second;

        Map<String, String> one = env(platform.serviceUrl(Service.TICKET_QUERY, 1));
        Map<String, String> two = env(platform.serviceUrl(Service.TICKET_QUERY, 2));
        Map<String, String> monitor = env(platform.serviceUrl(Service.SLA_MONITOR));

        assertThat(one).containsEntry("QUERY_PORT", String.valueOf(first)).containsEntry("QUERY_URL", queryUrls);
        assertThat(two).containsEntry("QUERY_PORT", String.valueOf(second)).containsEntry("QUERY_URL", queryUrls);
        assertThat(monitor)
                .containsEntry("QUERY_URL", queryUrls)
                .containsEntry("SLA_URL", platform.serviceUrl(Service.SLA_MONITOR))
                .containsEntry("SLA_PORT", String.valueOf(platform.port(Service.SLA_MONITOR)));
        assertThat(platform.instance(Service.TICKET_QUERY, 2).name()).isEqualTo("ticket-query-2");
        assertThat(platform.instance(Service.SLA_MONITOR, 1).name()).isEqualTo("sla-monitor");
    }

    @Test
    @Order(2)
    void eachInstanceWritesItsOwnLog() throws IOException {
        assertThat(platform.logFile(Service.TICKET_QUERY, 1).getFileName()).hasToString("ticket-query-1.log");
        assertThat(platform.logFile(Service.TICKET_QUERY, 2).getFileName()).hasToString("ticket-query-2.log");
        assertThat(platform.logFile(Service.SLA_MONITOR, 1).getFileName()).hasToString("sla-monitor.log");
        assertThat(Files.readString(platform.logFile(Service.TICKET_QUERY, 2)))
                .contains("fake service listening on " + platform.port(Service.TICKET_QUERY, 2))
                .doesNotContain("listening on " + platform.port(Service.TICKET_QUERY, 1));
    }

    @Test
    @Order(3)
    void aKilledInstanceIsGoneWithoutAShutdownWhileTheOtherKeepsServing() throws Exception {
        PlatformProcess second = platform.instance(Service.TICKET_QUERY, 2);
        List<Long> before = second.pids();
        assertThat(before).hasSize(1);

        second.kill();

        assertThat(second.isRunning()).isFalse();
        assertThat(second.pids()).isEmpty();
        assertThat(ProcessHandle.of(before.get(0)).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(Ports.isFree(platform.port(Service.TICKET_QUERY, 2))).isTrue();
        assertThat(Files.readString(platform.logFile(Service.TICKET_QUERY, 2))).doesNotContain("stopped gracefully");
        assertThat(health(platform.serviceUrl(Service.TICKET_QUERY, 1))).isEqualTo(200);

        second.start();

        assertThat(second.pids()).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(health(platform.serviceUrl(Service.TICKET_QUERY, 2))).isEqualTo(200);
        assertThat(env(platform.serviceUrl(Service.TICKET_QUERY, 2)))
                .containsEntry("QUERY_PORT", String.valueOf(platform.port(Service.TICKET_QUERY, 2)));
    }

    @Test
    @Order(4)
    void aStoppedInstanceShutsDownGracefullyAndStartsAgainOnItsPort() throws Exception {
        PlatformProcess first = platform.instance(Service.TICKET_QUERY, 1);

        first.stop();

        assertThat(first.isRunning()).isFalse();
        assertThat(Files.readString(platform.logFile(Service.TICKET_QUERY, 1)))
                .contains("fake service on " + platform.port(Service.TICKET_QUERY, 1) + " stopped gracefully");

        first.start();

        assertThat(health(platform.serviceUrl(Service.TICKET_QUERY, 1))).isEqualTo(200);
        assertThat(platform.instance(Service.TICKET_QUERY, 2).isRunning()).isTrue();
    }

    @Test
    @Order(5)
    void startingARunningInstanceChangesNothing() {
        PlatformProcess monitor = platform.instance(Service.SLA_MONITOR, 1);
        List<Long> before = monitor.pids();

        monitor.start();

        assertThat(monitor.pids()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void processesListsEveryPartInStartOrder() {
        assertThat(platform.processes())
                .extracting(PlatformProcess::name)
                .containsExactly("postgres", "kafka", "ticket-query-1", "ticket-query-2", "sla-monitor");
        assertThatThrownBy(() -> platform.instance(Service.TICKET_QUERY, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ticket-query has 2 instance(s), not 3");
        assertThatThrownBy(() -> platform.instance(Service.TICKET_COMMAND, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not part of this platform");
    }

    @Test
    @Order(7)
    void closingStopsEveryInstanceThatRuns() {
        List<Long> pids = platform.processes().stream()
                .flatMap(part -> part.pids().stream())
                .toList();
        platform.instance(Service.TICKET_QUERY, 2).kill();

        platform.close();

        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .isNotEqualTo(Optional.of(true)));
        assertThat(Ports.isFree(platform.port(Service.TICKET_QUERY, 1))).isTrue();
        assertThatThrownBy(() -> platform.instance(Service.TICKET_QUERY, 2).start())
                .isInstanceOf(IllegalStateException.class);
    }

    /** {@code <root>/<module>/target/<module>-exec.jar}: a manifest that runs {@link FakeService} from the test classes. */
    private static void fakeJar(String module) throws IOException {
        Path jar =
                Files.createDirectories(root.resolve(module).resolve("target")).resolve(module + "-exec.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        try {
            manifest.getMainAttributes()
                    .put(
                            Attributes.Name.CLASS_PATH,
                            FakeService.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI()
                                    .toString());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            ignored.flush();
        }
    }

    private static Map<String, String> env(String baseUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/env")).build(), HttpResponse.BodyHandlers.ofString());
        return FakeService.parse(response.body());
    }

    private static int health(String baseUrl) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
