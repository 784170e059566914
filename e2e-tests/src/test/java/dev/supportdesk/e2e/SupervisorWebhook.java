package dev.supportdesk.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The supervisors' webhook of the test platform: a JDK HTTP server on 127.0.0.1 that records every POST and
 * answers 204. It starts before the platform, whose sla-monitor is configured with its URL, and stops with it.
 */
final class SupervisorWebhook implements AutoCloseable {

    record Received(String idempotencyKey, String contentType, String body) {}

    private static SupervisorWebhook shared;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private SupervisorWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/supervisors", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The one of this test JVM, started on first use. */
    static synchronized SupervisorWebhook shared() {
        if (shared == null) {
            shared = new SupervisorWebhook();
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/supervisors";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
