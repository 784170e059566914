package dev.supportdesk.edge.proxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backend stand-in on 127.0.0.1: records every request it receives and answers by path, or with a
 * small JSON naming itself, the method and the URI it saw.
 */
public final class StubBackend implements AutoCloseable {

    /** What the backend received. Header names are as {@link Headers} normalises them (first letter upper). */
    public record Received(String method, String path, String rawQuery, Headers headers, byte[] body) {}

    public interface Handler {
        void handle(HttpExchange exchange, Received received) throws IOException;
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    private StubBackend(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::dispatch);
        // Own threads, so a stream held open does not block the next request.
        server.setExecutor(executor);
        server.start();
    }

    public static StubBackend start(String name) {
        return new StubBackend(name);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests to exactly this path with the handler instead of the echo. */
    public void on(String path, Handler handler) {
        handlers.put(path, handler);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String method, String path) {
        return received.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            Received request = new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    exchange.getRequestBody().readAllBytes());
            received.add(request);
            handlers.getOrDefault(request.path(), this::echo).handle(exchange, request);
        }
    }

    private void echo(HttpExchange exchange, Received request) throws IOException {
        byte[] body = ("{\"backend\":\"" + name + "\",\"method\":\"" + request.method() + "\",\"uri\":\""
                        + exchange.getRequestURI().toString() + "\"}")
                .getBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
