package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What a fault test sees of its platform: clients of the public origin (or of one instance), the parts
 * to take away and bring back, and direct readers of the event store, the topic and the read model to
 * compare what the clients were told with what was kept.
 */
public final class FaultPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HEALTH =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LocalPlatform platform;
    private final EventStore eventStore;
    private final Topic topic;
    private final ReadModel readModel;

    FaultPlatform(LocalPlatform platform) {
        this.platform = platform;
        this.eventStore = new EventStore(this);
        this.topic = new Topic(platform.kafkaBootstrapServers());
        this.readModel = new ReadModel(this);
    }

    public LocalPlatform platform() {
        return platform;
    }

    /** A client of the public origin signed in as a demo user (password = user name). */
    public ApiClient as(String user) {
        return new ApiClient(platform.edgeUrl(), user, user);
    }

    /** A client of one instance, past the edge: every backend checks credentials itself. */
    public ApiClient direct(Service service, int number, String user) {
        return new ApiClient(platform.serviceUrl(service, number), user, user);
    }

    public PlatformProcess part(Service service, int number) {
        return platform.instance(service, number);
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public Topic topic() {
        return topic;
    }

    public ReadModel readModel() {
        return readModel;
    }

    public Consistency consistency() {
        return new Consistency(this);
    }

    /** The platform's database as its owner, the role the services use. */
    public Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
    }

    /** Waits until every running service instance answers health UP on its own port. */
    public void awaitAllHealthy(Duration atMost) {
        await("every instance reports UP")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (Service service : Service.values()) {
                        for (int number = 1; number <= platform.instanceCount(service); number++) {
                            String url = platform.serviceUrl(service, number) + "/actuator/health";
                            HttpResponse<String> health = HEALTH.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(3))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(health.statusCode())
                                    .as("%s: %s", url, health.body())
                                    .isEqualTo(200);
                        }
                    }
                });
    }

    /**
     * How many instances of a service the Kafka group gives partitions of one of its topic consumers now, as
     * each instance says itself ({@code assignedPartitions} in its own {@code GET /api/admin/projections}).
     */
    public int instancesWithPartitions(Service service, String consumer) {
        int sharing = 0;
        for (int number = 1; number <= platform.instanceCount(service); number++) {
            if (!platform.instance(service, number).isRunning()) {
                continue;
            }
            try {
                JsonNode answer =
                        JSON.readTree(asAdmin(platform.serviceUrl(service, number) + "/api/admin/projections"));
                for (JsonNode item : answer.path("items")) {
                    if (consumer.equals(item.path("name").asText())
                            && item.path("assignedPartitions").size() > 0) {
                        sharing++;
                    }
                }
            } catch (Exception unreachable) {
                // an instance that does not answer holds nothing
            }
        }
        return sharing;
    }

    /** The ticket-command instance whose outbox publishes now (health {@code outbox.state} PUBLISHING), or 0. */
    public int outboxHolder() {
        for (int number = 1; number <= platform.instanceCount(Service.TICKET_COMMAND); number++) {
            if (!platform.instance(Service.TICKET_COMMAND, number).isRunning()) {
                continue;
            }
            try {
                JsonNode health = JSON.readTree(
                        asAdmin(platform.serviceUrl(Service.TICKET_COMMAND, number) + "/actuator/health"));
                if ("PUBLISHING"
                        .equals(health.path("components")
                                .path("outbox")
                                .path("details")
                                .path("state")
                                .asText())) {
                    return number;
                }
            } catch (Exception unreachable) {
                // not this one
            }
        }
        return 0;
    }

    private static String asAdmin(String url) throws Exception {
        return HEALTH.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(3))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString("admin:admin".getBytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Starts, in start order, every part that is not running (what a failed test may have left behind). */
    void startWhatIsDown() {
        for (PlatformProcess part : platform.processes()) {
            if (!part.isRunning()) {
                part.start();
            }
        }
    }

    String describe() {
        return FaultPlatformExtension.describe(platform);
    }
}
