package dev.supportdesk.ticket.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Calls the running service over HTTP with Basic credentials and reads its event table. */
abstract class ApiTestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    long eventRows() {
        return jdbc.queryForObject("SELECT count(*) FROM ticket_command.domain_event_entry", Long.class);
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    Call post(String path, String body) {
        return new Call("POST", path).body(body);
    }

    /** Opens a ticket as alice and answers its id. */
    String openTicket() {
        Answer answer = post("/api/tickets", """
                {"subject":"Printer on fire","description":"It smokes","channel":"PHONE",
                 "requester":{"name":"Carla","email":"carla@example.com"}}""").as("alice").send();
        if (answer.status() != 201) {
            throw new IllegalStateException("could not open a ticket: " + answer);
        }
        return answer.json().get("id").asText();
    }

    final class Call {
        private final String method;
        private final String path;
        private String body;
        private String contentType = "application/json";
        private final Map<String, String> headers = new LinkedHashMap<>();

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call body(String body) {
            this.body = body;
            return this;
        }

        Call contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        Call as(String user) {
            return as(user, user);
        }

        Call as(String user, String password) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return header("Authorization", "Basic " + token);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Answer send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", contentType);
                request.method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(
                        response.statusCode(),
                        response.body(),
                        response.headers().map());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        long version() {
            return json().get("version").asLong();
        }
    }
}
