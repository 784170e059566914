package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The console's session: sign-in, the cookie as authentication, CSRF on changes, sign-out and expiry. */
@ExtendWith(OutputCaptureExtension.class)
class SessionIT extends CommandApiTestSupport {

    private static final String OPEN = """
            {"subject":"Called about the VPN","channel":"PHONE","requester":{"name":"Dora"}}""";

    record Session(String cookie, String csrfToken, JsonNode body, String setCookie) {}

    private Session signIn(String user, String password) {
        Answer answer = post("/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String setCookie = answer.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, answer.json().get("csrfToken").asText(), answer.json(), setCookie);
    }

    @Test
    void signingInAnswersTheUserAndSetsAStrictHttpOnlyCookie() {
        Session session = signIn("sam", "sam");

        assertThat(session.body().get("name").asText()).isEqualTo("sam");
        assertThat(session.body().get("displayName").asText()).isNotBlank();
        assertThat(session.body().get("roles").toString()).contains("SUPERVISOR");
        assertThat(session.body().get("groups").toString()).contains("tier1", "tier2");
        assertThat(session.csrfToken()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(session.cookie()).matches("SUPPORT_SESSION=[A-Za-z0-9_-]{43}");
        List<String> attributes = List.of(session.setCookie().split(";\\s*"));
        assertThat(attributes).contains("Path=/", "HttpOnly", "SameSite=Strict");
        assertThat(attributes).doesNotContain("Secure"); // off in the local start, which speaks plain HTTP

        Answer current =
                call("GET", "/api/session").header("Cookie", session.cookie()).send();
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("name").asText()).isEqualTo("sam");
        assertThat(current.json().get("csrfToken").asText()).isEqualTo(session.csrfToken());

        // two sign-ins are two sessions; signing in while holding a session needs no CSRF token of the old one
        Answer again = post("/api/session", "{\"username\":\"tina\",\"password\":\"tina\"}")
                .header("Cookie", session.cookie())
                .send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("name").asText()).isEqualTo("tina");
        assertThat(again.header("Set-Cookie")).doesNotStartWith(session.cookie());
    }

    @Test
    void wrongCredentialsAre401WithoutSayingWhichPartWasWrongAndRepeatedFailuresAreHeldBack(CapturedOutput output) {
        Answer wrongPassword = post("/api/session", "{\"username\":\"tina\",\"password\":\"nope\"}")
                .send();
        Answer unknownUser = post("/api/session", "{\"username\":\"nobody-here\",\"password\":\"tina\"}")
                .send();
        Answer serviceAccount = post("/api/session", "{\"username\":\"sla-monitor\",\"password\":\"sla-monitor\"}")
                .send();

        for (Answer answer : List.of(wrongPassword, unknownUser, serviceAccount)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.header("Set-Cookie")).isNull();
            assertThat(answer.json().get("detail").asText())
                    .isEqualTo(wrongPassword.json().get("detail").asText());
        }
        // the second failure in a row of one user from one client waits, the throttle says so; no lockout
        assertThat(output.getAll()).doesNotContain("Sign-in of 'tina'");
        post("/api/session", "{\"username\":\"tina\",\"password\":\"still wrong\"}")
                .send();
        assertThat(output.getAll()).contains("Sign-in of 'tina' from 127.0.0.1 failed 2 times in a row");
        assertThat(signIn("tina", "tina").body().get("name").asText()).isEqualTo("tina");
    }

    @Test
    void aSignInBodyIsStrict() {
        Answer missing = post("/api/session", "{\"username\":\"alice\"}").send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("password");
        Answer wrongType =
                post("/api/session", "{\"username\":\"alice\",\"password\":42}").send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(post("/api/session", "username=alice")
                        .contentType("text/plain")
                        .send()
                        .status())
                .isEqualTo(415);
    }

    @Test
    void theCookieAuthenticatesCommandsThatCarryTheCsrfTokenAndTheActorIsTheSessionsUser() {
        Session session = signIn("alice", "alice");
        long before = eventRows();

        Answer withoutToken =
                post("/api/tickets", OPEN).header("Cookie", session.cookie()).send();
        Answer wrongToken = post("/api/tickets", OPEN)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrfToken() + "x")
                .send();
        for (Answer refused : List.of(withoutToken, wrongToken)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("X-CSRF-Token");
        }
        assertThat(eventRows()).isEqualTo(before);

        Answer opened = post("/api/tickets", OPEN)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrfToken())
                .send();
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asText();
        JsonNode history = call("GET", "/api/tickets/" + id + "/history")
                .header("Cookie", session.cookie())
                .send()
                .json();
        assertThat(history.get("events").get(0).get("actor").get("name").asText())
                .isEqualTo("alice");

        // a read needs no token; an auditor's session still may not change anything
        Session auditor = signIn("audrey", "audrey");
        Answer auditorCommand = post("/api/tickets/" + id + "/replies", "{\"body\":\"hi\",\"visibility\":\"PUBLIC\"}")
                .header("Cookie", auditor.cookie())
                .header("X-CSRF-Token", auditor.csrfToken())
                .send();
        assertThat(auditorCommand.status()).isEqualTo(403);
    }

    @Test
    void basicNeedsNoCsrfTokenAndWinsOverACookie() {
        Answer basic = post("/api/tickets", OPEN).as("bob").send();
        assertThat(basic.status()).isEqualTo(201);

        Session alice = signIn("alice", "alice");
        Answer both = post("/api/tickets", OPEN)
                .as("bob")
                .header("Cookie", alice.cookie())
                .send();
        assertThat(both.status()).isEqualTo(201);
        String id = both.json().get("id").asText();
        JsonNode history =
                call("GET", "/api/tickets/" + id + "/history").as("bob").send().json();
        assertThat(history.get("events").get(0).get("actor").get("name").asText())
                .isEqualTo("bob");
    }

    @Test
    void signingOutNeedsTheTokenEndsTheSessionAndClearsTheCookie() {
        Session session = signIn("bob", "bob");

        Answer withoutToken = call("DELETE", "/api/session")
                .header("Cookie", session.cookie())
                .send();
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(call("GET", "/api/session")
                        .header("Cookie", session.cookie())
                        .send()
                        .status())
                .isEqualTo(200);

        Answer signedOut = call("DELETE", "/api/session")
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrfToken())
                .send();
        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie"))
                .startsWith("SUPPORT_SESSION=;")
                .contains("Max-Age=0");

        Answer afterwards =
                call("GET", "/api/session").header("Cookie", session.cookie()).send();
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.header("Content-Type")).startsWith("application/problem+json");
        Answer command = post("/api/tickets", OPEN)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrfToken())
                .send();
        assertThat(command.status()).isEqualTo(401);
        // the console shows its own sign-in page: no Basic challenge that would open the browser's dialog
        assertThat(command.header("WWW-Authenticate")).isNull();
        assertThat(call("GET", "/api/users").send().header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndAfterItsAbsoluteTime() {
        Session idle = signIn("alice", "alice");
        Session old = signIn("alice", "alice");
        Session fresh = signIn("alice", "alice");
        // aged in the table rather than waited for: the database's clock is the one every instance shares
        age(idle, "last_seen_at", "8 hours 1 minute");
        age(old, "created_at", "12 hours 1 minute");
        age(fresh, "last_seen_at", "7 hours 59 minutes");
        age(fresh, "created_at", "11 hours 59 minutes");

        assertThat(status(idle)).isEqualTo(401);
        assertThat(status(old)).isEqualTo(401);
        assertThat(status(fresh)).isEqualTo(200);
        // a use counts as activity: the idle clock starts again
        Map<String, Object> seen = jdbc.queryForMap(
                "SELECT now() - last_seen_at < INTERVAL '1 minute' AS touched"
                        + " FROM platform_session.console_session WHERE csrf_token = ?",
                fresh.csrfToken());
        assertThat(seen.get("touched")).isEqualTo(true);
    }

    @Test
    void aForgedOrOversizedCookieIsNoSession() {
        for (String cookie : List.of(
                "SUPPORT_SESSION=" + "A".repeat(43), "SUPPORT_SESSION=" + "A".repeat(5000), "SUPPORT_SESSION=")) {
            assertThat(call("GET", "/api/session")
                            .header("Cookie", cookie)
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(call("GET", "/api/users").header("Cookie", cookie).send().status())
                    .isEqualTo(401);
        }
    }

    private int status(Session session) {
        return call("GET", "/api/users")
                .header("Cookie", session.cookie())
                .send()
                .status();
    }

    private void age(Session session, String column, String by) {
        int rows = jdbc.update(
                "UPDATE platform_session.console_session SET " + column + " = " + column + " - CAST(? AS INTERVAL)"
                        + " WHERE csrf_token = ?",
                by,
                session.csrfToken());
        assertThat(rows).isEqualTo(1);
    }
}
