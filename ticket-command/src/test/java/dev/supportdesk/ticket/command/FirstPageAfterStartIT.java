package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.testing.TestKafka;
import dev.supportdesk.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The very first answer of {@code GET /api/audit} and of {@code GET /api/events} after the service starts holds
 * every event stored before the start, with no retry, even while a write transaction of the same PostgreSQL server
 * (another service's, say) is running when the request comes: the commit horizon waits for it to end before its
 * first answer instead of answering an empty page (docs/reliability.md, "The global feed").
 */
class FirstPageAfterStartIT {

    private static final String DATABASE = TestPostgres.newDatabase();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The positions of every event stored before the starts below, in order. */
    private static List<Long> stored;

    @BeforeAll
    static void storeEventsThenStop() throws Exception {
        try (ConfigurableApplicationContext writer = start()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> opened = send(writer, "POST", "/api/tickets", "alice", """
                        {"subject":"Printer %d jammed","channel":"EMAIL","requester":{"name":"Carla"}}""".formatted(i));
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            }
        }
        stored = new JdbcTemplate(new DriverManagerDataSource(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD))
                .queryForList(
                        "SELECT global_index FROM ticket_command.domain_event_entry ORDER BY global_index", Long.class);
        assertThat(stored).as("the tickets' events and the user directory's").hasSizeGreaterThan(10);
    }

    @Test
    void theFirstAuditPageAfterAStartListsEveryEventStoredBefore() throws Exception {
        try (ConfigurableApplicationContext service = start()) {
            JsonNode page = whileAnotherTransactionRuns(() -> get(service, "/api/audit?size=200", "audrey"));
            List<Long> listed = new ArrayList<>();
            page.get("items").forEach(item -> listed.add(item.get("position").asLong()));
            assertThat(listed).as("the first page, in position order").startsWith(stored.toArray(Long[]::new));
            assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(stored.size());
        }
    }

    @Test
    void theFirstFeedPageAfterAStartHoldsEveryEventStoredBefore() throws Exception {
        try (ConfigurableApplicationContext service = start()) {
            JsonNode page = whileAnotherTransactionRuns(() -> get(service, "/api/events?after=0&limit=5000", "ana"));
            List<Long> served = new ArrayList<>();
            page.get("items").forEach(item -> served.add(item.get("position").asLong()));
            assertThat(served).as("the first page, in position order").startsWith(stored.toArray(Long[]::new));
            assertThat(page.get("next").asLong()).isEqualTo(served.get(served.size() - 1));
        }
    }

    interface Request {
        JsonNode send() throws Exception;
    }

    /**
     * Asks while a transaction that took its id before the request runs on the same server for another second:
     * what the horizon's first mark must wait for. Without the wait, the first answer would be empty.
     */
    private static JsonNode whileAnotherTransactionRuns(Request request) throws Exception {
        try (Connection other = DriverManager.getConnection(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD)) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement();
                    ResultSet xid = statement.executeQuery("SELECT pg_current_xact_id()")) {
                assertThat(xid.next()).isTrue();
            }
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try (Statement statement = other.createStatement()) {
                    statement.execute("SELECT pg_sleep(1)");
                    other.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                return request.send();
            } finally {
                running.get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TicketCommandApplication.class)
                .run(
                        "--spring.profiles.active=demo",
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + DATABASE,
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--support.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--support.kafka.topic=support.ticket-events.first-page-it",
                        "--support.kafka.partitions=1");
    }

    private static JsonNode get(ConfigurableApplicationContext service, String path, String user) throws Exception {
        HttpResponse<String> answer = send(service, "GET", path, user, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(
            ConfigurableApplicationContext service, String method, String path, String user, String body)
            throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
