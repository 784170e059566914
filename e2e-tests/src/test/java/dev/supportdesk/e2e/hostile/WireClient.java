package dev.supportdesk.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request's bytes over a plain socket, exactly as generated (no HTTP client would send most of
 * them), and reads the one answer by its own framing. A server that answers before it has read the whole
 * body (a 413, say) may stop reading: the client then stops writing and still reads the answer.
 */
public final class WireClient {

    /** Above the edge's 30 s wait for a backend: a request still unanswered by then is hung. */
    static final int READ_TIMEOUT_MILLIS = 45_000;

    private static final int MAX_HEAD = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final int port;
    private final String authority;

    /**
     * @param address   where to connect, e.g. {@code 127.0.0.1}
     * @param authority the Host header a well-behaved client sends, e.g. {@code localhost:8080}
     */
    public WireClient(String address, int port, String authority) {
        this.address = address;
        this.port = port;
        this.authority = authority;
    }

    public String authority() {
        return authority;
    }

    public Answer send(HostileRequest request) {
        byte[] bytes = Wire.bytes(request.wire(authority()));
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            String writeFailure = write(socket.getOutputStream(), bytes);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            try {
                return read(in, request, start);
            } catch (IOException e) {
                String failure = e instanceof SocketTimeoutException
                        ? "no answer within " + READ_TIMEOUT_MILLIS + " ms"
                        : e.toString();
                return Answer.none(
                        failure + (writeFailure == null ? "" : " (writing had failed: " + writeFailure + ")"),
                        millis(start));
            }
        } catch (IOException e) {
            return Answer.none("could not connect: " + e, millis(start));
        }
    }

    private static String write(OutputStream out, byte[] bytes) {
        try {
            int chunk = 64 * 1024;
            for (int at = 0; at < bytes.length; at += chunk) {
                out.write(bytes, at, Math.min(chunk, bytes.length - at));
            }
            out.flush();
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Answer read(InputStream in, HostileRequest request, long start) throws IOException {
        while (true) {
            String head = readHead(in);
            if (head == null) {
                throw new IOException("the connection closed before an answer");
            }
            if (!head.startsWith("HTTP/")) {
                String body = head + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (request.isSimpleRequest()) {
                    return Answer.simple(body, statedStatus(body), millis(start));
                }
                throw new IOException("an answer without status line or headers (the HTTP/0.9 form) to a request that"
                        + " named its HTTP version: " + Wire.preview(body, 300));
            }
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (!statusLine[0].startsWith("HTTP/1.") || statusLine.length < 2) {
                throw new IOException("not an HTTP answer: " + Wire.preview(head, 300));
            }
            int status = Integer.parseInt(statusLine[1]);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(
                            lines[i].substring(0, colon).trim(),
                            lines[i].substring(colon + 1).trim()));
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            Answer framing = new Answer(status, head, headers, "", null, 0, false);
            String body = readBody(in, request, framing);
            return new Answer(status, head, headers, body, null, millis(start), false);
        }
    }

    /** The status line and headers, without the blank line; null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
            state = switch (state) {
                case 0 -> b == '\r' ? 1 : 0;
                case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
                case 2 -> b == '\r' ? 3 : 0;
                case 3 -> b == '\n' ? 4 : b == '\r' ? 1 : 0;
                default -> 0;
            };
            if (state == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
            if (head.size() > MAX_HEAD) {
                throw new IOException("an answer head of more than " + MAX_HEAD + " bytes");
            }
        }
    }

    private static String readBody(InputStream in, HostileRequest request, Answer framing) throws IOException {
        int status = framing.status();
        if (request.isHead() || status == 204 || status == 304) {
            return "";
        }
        if (framing.contentType().startsWith("text/event-stream")) {
            // A live stream never ends; its headers are the answer.
            return "";
        }
        String encoding = framing.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return dechunk(in);
        }
        String length = framing.header("Content-Length");
        if (length != null) {
            byte[] body = in.readNBytes(Integer.parseInt(length.trim()));
            return new String(body, StandardCharsets.ISO_8859_1);
        }
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toString(StandardCharsets.ISO_8859_1);
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("the chunked body ended early");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statedStatus(String body) {
        try {
            JsonNode problem = JSON.readTree(new String(Wire.bytes(body), StandardCharsets.UTF_8));
            return problem != null && problem.path("status").isInt()
                    ? problem.path("status").asInt()
                    : 0;
        } catch (IOException notJson) {
            return 0;
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
