package dev.supportdesk.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The public API over HTTP Basic, through the edge only: what a script of an agent or analyst would do. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A read with minVersion may wait 5 s on the server; commands are answered once stored. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    public ApiClient(String baseUrl, String user, String password) {
        this(
                baseUrl,
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                DEFAULT_TIMEOUT);
    }

    private ApiClient(String baseUrl, String authorization, Duration timeout) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /** The same client with another bound on each whole exchange; past it a call fails with a timeout. */
    public ApiClient withTimeout(Duration bound) {
        return new ApiClient(baseUrl, authorization, bound);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    /** A read that asks for another representation, e.g. {@code text/csv}. */
    public ApiResponse get(String path, String accept) {
        return send(request(path).setHeader("Accept", accept).GET());
    }

    public ApiResponse post(String path, Object body) {
        return postRaw(path, write(body), "application/json");
    }

    public ApiResponse put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8)));
    }

    /** Sends the bytes as given, for requests no well-behaved client would send. */
    public ApiResponse postRaw(String path, String body, String contentType) {
        return send(request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private ApiResponse send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(
                    built.method() + " " + built.uri().getPath(),
                    response.statusCode(),
                    response.headers(),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
