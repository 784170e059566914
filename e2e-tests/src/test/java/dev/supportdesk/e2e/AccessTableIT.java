package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the public API against every role, no credentials and a wrong password, through the edge:
 * the table below is the roles table of docs/api.md. An allowed caller is never refused (no 401, no 403, no
 * 5xx); any other role gets 403; no credentials and a wrong password get 401. The endpoints are those of the
 * edge's own OpenAPI document, so an endpoint without a row fails the test, and so does a row for an endpoint
 * nobody serves. Adding an endpoint is adding one {@code row(...)} line.
 */
@EndToEnd
class AccessTableIT {

    enum Caller {
        AGENT("alice"),
        SUPERVISOR("sam"),
        ANALYST("ana"),
        AUDITOR("audrey"),
        ADMIN("admin"),
        SYSTEM("sla-monitor");

        final String user;

        Caller(String user) {
            this.user = user;
        }

        /** The demo users' password is their name; the SLA monitor's service account has its own. */
        String password() {
            return this == SYSTEM ? PlatformExtension.SLA_MONITOR_PASSWORD : user;
        }
    }

    /** Who may call {@code method path}; {@code body} is a valid request body, so a refusal is about the caller. */
    record Row(String method, String path, String body, Set<Caller> allowed, boolean open) {}

    private static final Set<Caller> READ_TICKETS =
            EnumSet.of(Caller.AGENT, Caller.SUPERVISOR, Caller.ANALYST, Caller.AUDITOR, Caller.ADMIN);
    private static final Set<Caller> WORK = EnumSet.of(Caller.AGENT, Caller.SUPERVISOR, Caller.ADMIN);
    private static final Set<Caller> SUPERVISE = EnumSet.of(Caller.SUPERVISOR, Caller.ADMIN);
    private static final Set<Caller> AUDIT = EnumSet.of(Caller.AUDITOR, Caller.ADMIN);
    private static final Set<Caller> EXPORT = EnumSet.of(Caller.AUDITOR, Caller.ADMIN, Caller.ANALYST);
    private static final Set<Caller> PROJECTIONS = EnumSet.of(Caller.ANALYST, Caller.ADMIN);
    private static final Set<Caller> READ_SLA_CONFIGURATION = EnumSet.of(Caller.ANALYST, Caller.AUDITOR, Caller.ADMIN);
    private static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN);
    private static final Set<Caller> SIGNED_IN = EnumSet.allOf(Caller.class);

    private static final String TICKET = "T-999999999";
    private static final String OPEN_TICKET = """
            {"subject":"Access table","description":"d","channel":"EMAIL",
             "requester":{"name":"Carla","email":"carla@example.com"}}""";

    private static final String ACCESS_TABLE_POLICY = """
            {"match":{"priority":"LOW","customerTier":"PREMIUM","channel":"WEB"},
             "targets":{"firstResponse":"PT100H","resolution":"PT200H"}}""";
    private static final String ACCESS_TABLE_CALENDAR = """
            {"timeZone":"Europe/Berlin","workingHours":{"MONDAY":["09:00-17:00"]},"holidays":[]}""";

    private static final String WHAT_IF = """
            {"policies":[{"name":"access-table","targets":{"firstResponse":"PT1H","resolution":"PT8H"}}]}""";

    /** The table: one line per endpoint. */
    private static final List<Row> TABLE = List.of(
            row("POST", "/api/tickets", OPEN_TICKET, WORK),
            row("POST", "/api/tickets/{id}/assign", "{\"assignee\":\"alice\"}", WORK),
            row("POST", "/api/tickets/{id}/replies", "{\"body\":\"b\",\"visibility\":\"INTERNAL\"}", WORK),
            row("POST", "/api/tickets/{id}/customer-messages", "{\"body\":\"b\"}", WORK),
            row("POST", "/api/tickets/{id}/priority", "{\"priority\":\"HIGH\"}", WORK),
            row("POST", "/api/tickets/{id}/pending", "{}", WORK),
            row("POST", "/api/tickets/{id}/resume", "{}", WORK),
            row("POST", "/api/tickets/{id}/resolve", "{\"resolution\":\"done\"}", WORK),
            row("POST", "/api/tickets/{id}/reopen", "{\"reason\":\"again\"}", WORK),
            row("POST", "/api/tickets/{id}/close", "{}", WORK),
            row("POST", "/api/tickets/{id}/tags", "{\"add\":[\"x\"]}", WORK),
            row("POST", "/api/tickets/{id}/escalate", "{\"reason\":\"urgent\"}", SUPERVISE),
            row("POST", "/api/tickets/{id}/merge", "{\"into\":\"T-999999998\"}", WORK),
            row("GET", "/api/tickets", null, READ_TICKETS),
            row("GET", "/api/tickets/{id}", null, READ_TICKETS),
            row("GET", "/api/tickets/{id}/history", null, READ_TICKETS),
            row("GET", "/api/stream", null, READ_TICKETS),
            row("GET", "/api/users", null, SIGNED_IN),
            row("GET", "/api/admin/projections", null, PROJECTIONS),
            row("POST", "/api/admin/projections/{name}/parked/{eventId}/retry", "{}", ADMIN),
            row("GET", "/api/audit", null, AUDIT),
            row("GET", "/api/audit/verify", null, AUDIT),
            row("POST", "/api/audit/verify", null, AUDIT),
            row("GET", "/api/audit/verify/{id}", null, AUDIT),
            row("GET", "/api/audit/checkpoints", null, AUDIT),
            row("POST", "/api/audit/checkpoints", null, ADMIN),
            row("GET", "/api/audit/public-key", null, EXPORT),
            row("GET", "/api/audit/export", null, EXPORT),
            row("GET", "/api/tickets/{id}/as-of", null, READ_TICKETS),
            row("GET", "/api/tickets/{id}/sla", null, READ_TICKETS),
            row("GET", "/api/events", null, EXPORT),
            row("PUT", "/api/tickets/{id}/presence", "{\"activity\":\"VIEWING\"}", READ_TICKETS),
            row("GET", "/api/tickets/{id}/presence", null, READ_TICKETS),
            row("DELETE", "/api/tickets/{id}/presence", null, READ_TICKETS),
            row("GET", "/api/reports/sla", null, PROJECTIONS),
            row("GET", "/api/reports/volume", null, PROJECTIONS),
            row("GET", "/api/reports/backlog", null, PROJECTIONS),
            row("POST", "/api/reports/sla/what-if", WHAT_IF, PROJECTIONS),
            row("POST", "/api/admin/projections/{name}/replay", "{}", PROJECTIONS),
            row("GET", "/api/sla/policies", null, READ_SLA_CONFIGURATION),
            // A valid body: the admin's call stores it. It matches no ticket any other test opens, and the row
            // after it deactivates it.
            row("PUT", "/api/sla/policies/{name}", ACCESS_TABLE_POLICY, ADMIN),
            row("POST", "/api/sla/policies/{name}/deactivate", "{}", ADMIN),
            row("GET", "/api/sla/calendars", null, READ_SLA_CONFIGURATION),
            row("PUT", "/api/sla/calendars/{name}", ACCESS_TABLE_CALENDAR, ADMIN),
            // Signing in and out is for everyone: the answer depends on the body and the cookie, not a role.
            open("POST", "/api/session", "{\"username\":\"alice\",\"password\":\"alice\"}"),
            open("GET", "/api/session", null),
            open("DELETE", "/api/session", null),
            open("GET", "/api/openapi.json", null),
            open("GET", "/api/docs", null));

    private static Row row(String method, String path, String body, Set<Caller> allowed) {
        return new Row(method, path, body, allowed, false);
    }

    private static Row open(String method, String path, String body) {
        return new Row(method, path, body, Set.of(), true);
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SupportDesk desk;

    AccessTableIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void everyEndpointOfThePublicApiHasARowAndEveryRowAnEndpoint() {
        Set<String> documented = new TreeSet<>();
        desk.anonymous()
                .get("/api/openapi.json")
                .expect(200)
                .json()
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()));
                    }
                }));
        Set<String> rows = new TreeSet<>();
        TABLE.forEach(row -> rows.add(row.method() + " " + normalised(row.path())));

        assertThat(documented).hasSizeGreaterThan(20);
        assertThat(minus(documented, rows))
                .as("endpoints without a row in the access table")
                .isEmpty();
        assertThat(minus(rows, documented))
                .as("rows for endpoints the API does not serve")
                .isEmpty();
    }

    @Test
    void everyRoleGetsWhatTheTableSaysAndStrangersAreUnauthenticated() {
        List<String> wrong = new ArrayList<>();
        for (Row row : TABLE) {
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (Caller caller : Caller.values()) {
                answers.put(caller.name(), status(row, caller.user, caller.password()));
            }
            answers.put("anonymous", status(row, null, null));
            answers.put("wrong password", status(row, "ana", "not-ana"));
            answers.forEach((who, status) -> {
                boolean allowed = row.open()
                        || (!who.equals("anonymous")
                                && !who.equals("wrong password")
                                && row.allowed().contains(Caller.valueOf(who)));
                boolean right;
                if (row.open()) {
                    // No role rule: never a 403 or a failure. A wrong Basic credential is still a 401, and
                    // reading a session without its cookie is one.
                    right = status != 403 && status < 500;
                } else if (allowed) {
                    right = status != 401 && status != 403 && status < 500;
                } else if (who.equals("anonymous") || who.equals("wrong password")) {
                    right = status == 401;
                } else {
                    right = status == 403;
                }
                if (!right) {
                    wrong.add(row.method() + " " + row.path() + " as " + who + ": " + status);
                }
            });
        }
        assertThat(wrong).as("answers that break the access table").isEmpty();
    }

    /** The status only: a stream's headers arrive at once, its body is not waited for. */
    private int status(Row row, String user, String password) {
        String path = row.path()
                .replace("{id}", row.path().startsWith("/api/audit") ? "00000000-0000-0000-0000-000000000000" : TICKET)
                .replace("{name}", "ticket-queue")
                .replace("{eventId}", "00000000-0000-0000-0000-000000000000");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(desk.edgeUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*");
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (row.method().equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(row.method(), HttpRequest.BodyPublishers.ofString(row.body() == null ? "" : row.body()));
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(row.method() + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> minus(Set<String> these, Set<String> those) {
        Set<String> left = new TreeSet<>(these);
        left.removeAll(those);
        return left;
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^/}]+}", "{}");
    }
}
