package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.open;
import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A sign-out ends the session's open {@code /api/stream} as well: signed out at ticket-command, the stream that
 * ticket-query serves closes, and a change made after the sign-out never reaches it.
 */
@EndToEnd
class StreamSignOutIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SupportDesk desk;

    StreamSignOutIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void theStreamOfASignedOutSessionEndsAndGetsNoLaterChange() throws Exception {
        HttpResponse<String> signedIn = send(request("/api/session")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\",\"password\":\"bob\"}")));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = ApiClient.parse(signedIn.body()).path("csrfToken").asText();

        String id = open(desk.as("alice"), openRequest("Badge reader " + Tickets.uniqueWord("signout"), "WEB", "LOW"))
                .json()
                .path("id")
                .asText();
        HttpResponse<Stream<String>> stream = HTTP.sendAsync(
                        request("/api/stream")
                                .header("Cookie", cookie)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();

        long before = note(id, "before the sign-out");
        assertThat(readUntil(lines, line -> about(line, id, before), new ArrayList<>()))
                .as("the stream is live before the sign-out")
                .isTrue();

        HttpResponse<String> signedOut = send(request("/api/session")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .DELETE());
        assertThat(signedOut.statusCode()).isEqualTo(204);
        long after = note(id, "after the sign-out");

        List<String> rest = new ArrayList<>();
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> readUntil(lines, line -> false, rest));
        assertThat(ended.get(60, TimeUnit.SECONDS)).as("a line past the end").isFalse();
        assertThat(rest).as("events after the sign-out").noneMatch(line -> about(line, id, after));
        // The read model did get the change: only the signed-out stream missed it.
        JsonNode detail = Tickets.detail(desk.as("alice"), id, after);
        assertThat(detail.path("version").asLong()).isGreaterThanOrEqualTo(after);
    }

    private long note(String id, String body) {
        return Tickets.version(
                Tickets.command(desk.as("alice"), id, "replies", Map.of("body", body, "visibility", "INTERNAL")));
    }

    // The data's field order is the server's: the id and the version are looked for apart.
    private static boolean about(String line, String id, long version) {
        return line.contains("\"id\":\"" + id + "\"") && line.contains("\"version\":" + version);
    }

    /** Reads data lines into {@code seen} until one is {@code wanted} (true) or the stream ends (false). */
    private static boolean readUntil(Iterator<String> lines, Predicate<String> wanted, List<String> seen) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                seen.add(line);
                if (wanted.test(line)) {
                    return true;
                }
            }
        }
        return false;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(desk.edgeUrl() + path)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
