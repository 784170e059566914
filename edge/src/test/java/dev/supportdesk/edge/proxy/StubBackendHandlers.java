package dev.supportdesk.edge.proxy;

/** Answers stub backends give in several tests. */
public final class StubBackendHandlers {

    private StubBackendHandlers() {}

    /** 201 with the request's own body. */
    public static StubBackend.Handler echoBody() {
        return (exchange, received) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, received.body().length);
            exchange.getResponseBody().write(received.body());
        };
    }

    /** 200 with the given JSON. */
    public static StubBackend.Handler json(int status, String json) {
        return (exchange, received) -> {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }
}
