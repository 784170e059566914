package dev.supportdesk.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for a service jar in the launcher's own tests: it serves {@code /actuator/health} on the port
 * its port variable names (the first program argument) and {@code /env} with the environment it got, and
 * writes a line to its log when it ends by SIGTERM, so a test can tell a graceful stop from a kill.
 */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws IOException {
        String portVariable = args[0];
        int port = Integer.parseInt(System.getenv(portVariable));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health", exchange -> answer(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> {
            StringBuilder body = new StringBuilder();
            new TreeMap<>(System.getenv())
                    .forEach((name, value) ->
                            body.append(name).append('=').append(value).append('\n'));
            answer(exchange, body.toString());
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("fake service on " + port + " stopped gracefully");
        }));
        server.start();
        System.out.println("fake service listening on " + port + " as "
                + ProcessHandle.current().pid());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> parse(String env) {
        Map<String, String> variables = new TreeMap<>();
        for (String line : env.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return variables;
    }
}
