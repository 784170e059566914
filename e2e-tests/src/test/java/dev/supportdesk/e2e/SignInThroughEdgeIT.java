package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's way in, through the public origin: sign in once, then the cookie (and its CSRF token on changes)
 * on ticket-command, ticket-query and the stream, presence seen live, and a sign-out that ticket-query honours too.
 */
@EndToEnd
class SignInThroughEdgeIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String edge;

    SignInThroughEdgeIT(SupportDesk desk) {
        this.edge = desk.edgeUrl();
    }

    @Test
    void signInWorkWithTheCookieAndSignOutEverywhere() throws Exception {
        HttpResponse<String> signedIn = send(request("/api/session")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice\"}")));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(List.of(setCookie.split(";\\s*"))).contains("Path=/", "HttpOnly", "SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        JsonNode session = ApiClient.parse(signedIn.body());
        assertThat(session.path("name").asText()).isEqualTo("alice");
        String csrf = session.path("csrfToken").asText();
        assertThat(send(request("/api/session").header("Cookie", cookie).GET()).statusCode())
                .isEqualTo(200);

        String open = "{\"subject\":\"Console " + Tickets.uniqueWord("session")
                + "\",\"channel\":\"PHONE\",\"requester\":{\"name\":\"Carla Customer\"}}";
        HttpResponse<String> noToken = send(request("/api/tickets")
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(open)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> opened = send(request("/api/tickets")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(open)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode answer = ApiClient.parse(opened.body());
        String id = answer.path("id").asText();

        HttpResponse<String> detail = send(request("/api/tickets/" + id + "?minVersion="
                        + answer.path("version").asLong())
                .header("Cookie", cookie)
                .GET());
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);

        HttpResponse<Stream<String>> stream = HTTP.sendAsync(
                        request("/api/stream")
                                .header("Cookie", cookie)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        HttpResponse<String> present = send(request("/api/tickets/" + id + "/presence")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"activity\":\"TYPING\"}")));
        assertThat(present.statusCode()).as(present.body()).isEqualTo(204);
        awaitPresenceUpdate(stream, id);
        stream.body().close();
        HttpResponse<String> viewers = send(request("/api/tickets/" + id + "/presence")
                .header("Cookie", cookie)
                .GET());
        JsonNode alice = ApiClient.parse(viewers.body()).path("viewers").path(0);
        assertThat(alice.path("name").asText()).isEqualTo("alice");
        assertThat(alice.path("activity").asText()).isEqualTo("TYPING");

        HttpResponse<String> signedOut = send(request("/api/session")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .DELETE());
        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(signedOut.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(value -> assertThat(value).contains("Max-Age=0"));

        // ticket-command ended it; ticket-query refuses it as well
        assertThat(send(request("/api/tickets/" + id).header("Cookie", cookie).GET())
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/tickets/" + id + "/presence")
                                .header("Cookie", cookie)
                                .GET())
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/session").header("Cookie", cookie).GET()).statusCode())
                .isEqualTo(401);
    }

    /** Reads the stream up to the {@code presence-updated} of this ticket; other tickets' events may come first. */
    private static void awaitPresenceUpdate(HttpResponse<Stream<String>> stream, String id) {
        Iterator<String> lines = stream.body().iterator();
        String expected = "{\"id\":\"" + id + "\"}";
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")
                    && "presence-updated".equals(event)
                    && line.substring("data:".length()).trim().equals(expected)) {
                return;
            }
        }
        throw new AssertionError("the stream ended without a presence-updated event for " + id);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(edge + path)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
