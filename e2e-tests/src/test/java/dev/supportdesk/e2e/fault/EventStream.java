package dev.supportdesk.e2e.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.e2e.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A live screen: {@code GET /api/stream} held open against one base URL, remembering the highest version
 * each {@code ticket-updated} event announced per ticket.
 */
final class EventStream implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Set<String> failures = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private volatile InputStream body;
    private volatile boolean open;

    EventStream(String baseUrl, String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/stream"))
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        this.reader = new Thread(() -> read(request), "event-stream " + baseUrl);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** True once the server answered 200 and the stream is being read. */
    boolean isOpen() {
        return open;
    }

    Map<String, Long> versions() {
        return Map.copyOf(versions);
    }

    Set<String> failures() {
        return Set.copyOf(failures);
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                failures.add("HTTP " + response.statusCode());
                return;
            }
            open = true;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:") && "ticket-updated".equals(event)) {
                        JsonNode data =
                                ApiClient.parse(line.substring("data:".length()).trim());
                        versions.merge(
                                data.path("id").asText(), data.path("version").asLong(), Math::max);
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            }
        } catch (IOException e) {
            if (open) {
                failures.add(e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open = false;
        }
    }

    @Override
    public void close() {
        InputStream current = body;
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // Closing a stream the server may already have ended.
        }
        reader.interrupt();
    }
}
