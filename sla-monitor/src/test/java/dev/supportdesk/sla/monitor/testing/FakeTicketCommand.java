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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for ticket-command on 127.0.0.1: records every request it receives and answers 200 with
 * {@code {id, version}}, or the answers queued with {@link #answerNext(int...)} or {@link #answerNext(Answer)} first,
 * or, while one is set with {@link #answerEveryRequest(Answer)}, that answer to everything.
 */
public final class FakeTicketCommand implements AutoCloseable {

    public record Received(
            String method, String path, String authorization, String correlationId, String contentType, String body) {}

    /** An answer other than 200: status, body (a problem document, say) and an optional Retry-After header. */
    public record Answer(int status, String body, String retryAfter) {

        public static Answer problem(int status, String reason, String detail) {
            return new Answer(
                    status,
                    "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":" + status
                            + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                            + ",\"detail\":\"" + detail + "\"}",
                    null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Answer> nextAnswers = new ConcurrentLinkedQueue<>();
    private volatile Answer everyRequest;
    private final AtomicInteger answeredOk = new AtomicInteger();

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
        return received.stream()
                .filter(r -> r.path().startsWith("/api/tickets/" + ticketId + "/"))
                .toList();
    }

    public void answerNext(int... statuses) {
        for (int status : statuses) {
            nextAnswers.add(new Answer(status, "{\"status\":" + status + "}", null));
        }
    }

    public void answerNext(Answer answer) {
        nextAnswers.add(answer);
    }

    /** Answers everything with {@code answer} until called again; null goes back to the queue, then 200. */
    public void answerEveryRequest(Answer answer) {
        everyRequest = answer;
    }

    /** How many requests were answered 200. */
    public int answeredOk() {
        return answeredOk.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body));
        Answer fixed = everyRequest;
        Answer queued = fixed != null ? fixed : nextAnswers.poll();
        int status = queued == null ? 200 : queued.status();
        String[] segments = exchange.getRequestURI().getPath().split("/");
        byte[] answer = (queued == null
                        ? "{\"id\":\"" + (segments.length > 3 ? segments[3] : "") + "\",\"version\":1}"
                        : queued.body())
                .getBytes(StandardCharsets.UTF_8);
        if (status == 200) {
            answeredOk.incrementAndGet();
        }
        if (queued != null && queued.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", queued.retryAfter());
        }
        exchange.getResponseHeaders()
                .add("Content-Type", queued == null || status == 200 ? "application/json" : "application/problem+json");
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
