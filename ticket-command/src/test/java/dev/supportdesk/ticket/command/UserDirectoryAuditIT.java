package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The configured users are compared with the directory stream at every start and only the differences are
 * recorded, by the system, chained and verifiable like every stream (docs/audit.md, "Users and roles"): the
 * service is started again and again on one database with the users changed in between.
 */
class UserDirectoryAuditIT {

    private static final String STREAM = "directory:users";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String database = TestPostgres.newDatabase();
    private final JdbcTemplate jdbc = jdbc(database);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFirstStartRecordsEveryUserARestartNothingAndAChangedRoleExactlyThatChange() throws Exception {
        List<String> users = List.of(
                user(0, "audrey", "Audrey Auditor", "AUDITOR", null),
                user(1, "alice", "Alice Agent", "AGENT", "tier1"),
                user(2, "admin", "Administrator", "ADMIN", null));

        try (ConfigurableApplicationContext first = start(users)) {
            assertThat(stream()).containsExactly("UserAddedEvent", "UserAddedEvent", "UserAddedEvent");
            JsonNode trail = get(first, "/api/audit?ticketId=" + STREAM);
            assertThat(trail.get("total").asInt()).isEqualTo(3);
            JsonNode alice = trail.get("items").get(1);
            assertThat(alice.get("aggregateType").asText()).isEqualTo("UserDirectory");
            assertThat(alice.get("aggregateId").asText()).isEqualTo(STREAM);
            assertThat(alice.get("ticketId").isNull()).isTrue();
            assertThat(alice.get("actor").get("role").asText()).isEqualTo("SYSTEM");
            assertThat(alice.get("actor").get("source").asText()).isEqualTo("SYSTEM");
            assertThat(alice.get("summary").asText()).isEqualTo("User added: userName alice, roles [AGENT]");
            assertThat(jdbc.queryForObject(
                            "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ? AND sequence_number = 1",
                            String.class,
                            STREAM))
                    .contains("\"userName\":\"alice\"", "\"roles\":[\"AGENT\"]", "\"groups\":[\"tier1\"]")
                    .doesNotContain("password", "noop", "secret");
            JsonNode verified = get(first, "/api/audit/verify?ticketId=" + STREAM);
            assertThat(verified.get("verified").asBoolean())
                    .as(verified.toString())
                    .isTrue();
            assertThat(verified.get("eventsChecked").asInt()).isEqualTo(3);
        }

        try (ConfigurableApplicationContext again = start(users)) {
            assertThat(stream()).as("the same users, nothing new").hasSize(3);
        }

        List<String> promoted = new ArrayList<>(users);
        promoted.set(1, user(1, "alice", "Alice Agent", "AGENT,SUPERVISOR", "tier1"));
        try (ConfigurableApplicationContext changed = start(promoted)) {
            assertThat(stream()).hasSize(4).endsWith("UserRolesChangedEvent");
            JsonNode last = get(changed, "/api/audit?ticketId=" + STREAM + "&type=UserRolesChangedEvent");
            assertThat(last.get("total").asInt()).isEqualTo(1);
            assertThat(last.get("items").get(0).get("version").asInt()).isEqualTo(4);
            assertThat(jdbc.queryForObject(
                            "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ? AND sequence_number = 3",
                            String.class,
                            STREAM))
                    .isEqualTo("{\"directoryId\":\"directory:users\",\"userName\":\"alice\","
                            + "\"roles\":[\"AGENT\",\"SUPERVISOR\"],\"previousRoles\":[\"AGENT\"]}");
            JsonNode verified = get(changed, "/api/audit/verify?ticketId=" + STREAM);
            assertThat(verified.get("verified").asBoolean())
                    .as(verified.toString())
                    .isTrue();
        }
    }

    /**
     * Another instance records the same difference at the same moment: its append holds version 2 uncommitted
     * while this one starts. This one's append of version 2 waits for it, fails on the stream key once it
     * commits, and compared again with that instance's event it records nothing.
     */
    @Test
    void twoInstancesStartingAtOnceRecordADifferenceOnce() throws Exception {
        List<String> users = List.of(user(0, "audrey", "Audrey Auditor", "AUDITOR", null));
        try (ConfigurableApplicationContext first = start(users)) {
            assertThat(stream()).hasSize(1);
        }
        List<String> more = List.of(users.get(0), user(1, "alice", "Alice Agent", "AGENT", "tier1"));
        try (Connection other = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            other.setAutoCommit(false);
            other.createStatement().execute("SET search_path TO ticket_command");
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES ('other-instance-1', ?, 1, 'UserDirectory', '2026-12-01T10:00:00Z',
                        'dev.supportdesk.contract.events.UserAddedEvent', '1', ?, ?)""")) {
                insert.setString(1, STREAM);
                insert.setBytes(
                        2,
                        ("{\"directoryId\":\"directory:users\",\"userName\":\"alice\",\"displayName\":\"Alice Agent\","
                                        + "\"roles\":[\"AGENT\"],\"groups\":[\"tier1\"]}")
                                .getBytes(StandardCharsets.UTF_8));
                insert.setBytes(
                        3,
                        "{\"actor\":\"ticket-command\",\"actorRole\":\"SYSTEM\",\"source\":\"SYSTEM\"}"
                                .getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> start(more));
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> second.isDone() || waitingOnALock() > 0);
                assertThat(second).isNotDone();
                other.commit();
                try (ConfigurableApplicationContext started = second.get(2, TimeUnit.MINUTES)) {
                    assertThat(stream()).as("alice added once").containsExactly("UserAddedEvent", "UserAddedEvent");
                    JsonNode verified = get(started, "/api/audit/verify?ticketId=" + STREAM);
                    assertThat(verified.get("verified").asBoolean())
                            .as(verified.toString())
                            .isTrue();
                }
            } finally {
                if (!second.isDone()) {
                    other.rollback();
                }
            }
        }
    }

    private long waitingOnALock() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    AND query ILIKE 'insert into domain_event_entry%'""", Long.class);
    }

    /** The directory stream's event types in version order. */
    private List<String> stream() {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                                + " ORDER BY sequence_number",
                        String.class,
                        STREAM)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /** One configured user as command-line arguments, separated by new lines; a password for signing in only. */
    private static String user(int index, String name, String displayName, String roles, String group) {
        String prefix = "--support.directory.users[" + index + "].";
        List<String> arguments = new ArrayList<>(List.of(
                prefix + "name=" + name,
                prefix + "display-name=" + displayName,
                prefix + "password={noop}" + name,
                prefix + "roles=" + roles));
        if (group != null) {
            arguments.add(prefix + "groups=" + group);
        }
        return String.join("\n", arguments);
    }

    private ConfigurableApplicationContext start(List<String> users) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD,
                "--support.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--support.kafka.topic=support.ticket-events.directory-it",
                "--support.kafka.partitions=1",
                "--support.directory.groups[0].name=tier1"));
        for (String user : users) {
            arguments.addAll(List.of(user.split("\n")));
        }
        return new SpringApplicationBuilder(TicketCommandApplication.class).run(arguments.toArray(String[]::new));
    }

    private JsonNode get(ConfigurableApplicationContext service, String path) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("audrey:audrey".getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JdbcTemplate jdbc(String database) {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database, TestPostgres.USER, TestPostgres.PASSWORD);
        dataSource.setSchema("ticket_command");
        return new JdbcTemplate(dataSource);
    }
}
