package dev.supportdesk.sla.monitor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for ticket-command on 127.0.0.1: records every request it receives and answers 200 with
 * {@code {id, version}}, or the statuses queued with {@link #answerNext(int...)} first.
 */
public final class FakeTicketCommand implements AutoCloseable {

    public record Received(String method, String path, String authorization, String correlationId,
                           String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();

    public FakeTicketCommand() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String ticketId) {
        return received.stream().filter(r -> r.path().startsWith("/api/tickets/" + ticketId + "/")).toList();
    }

    public void answerNext(int... statuses) {
        for (int status : statuses) {
            nextStatuses.add(status);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Integer queued = nextStatuses.poll();
        int status = queued == null ? 200 : queued;
        String[] segments = exchange.getRequestURI().getPath().split("/");
        byte[] answer = (status == 200
                ? "{\"id\":\"" + (segments.length > 3 ? segments[3] : "") + "\",\"version\":1}"
                : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
