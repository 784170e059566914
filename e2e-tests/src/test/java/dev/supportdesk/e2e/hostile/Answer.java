package dev.supportdesk.e2e.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The final answer to one request (interim 1xx answers are skipped), or why there was none.
 *
 * @param head   the status line and header lines as received (wire string)
 * @param simple an HTTP/0.9 answer to a request line without version: a body and nothing else
 * @param body the body as received, de-chunked (wire string); empty for HEAD, 204 and 304, and only what
 *             came with the headers for an event stream
 */
public record Answer(
        int status,
        String head,
        List<Map.Entry<String, String>> headers,
        String body,
        String failure,
        long millis,
        boolean simple) {

    static Answer none(String failure, long millis) {
        return new Answer(0, "", List.of(), "", failure, millis, false);
    }

    /** An HTTP/0.9 answer: the body alone; its status is the one the problem body states, if any. */
    static Answer simple(String body, int statedStatus, long millis) {
        return new Answer(statedStatus, "(HTTP/0.9: no status line, no headers)", List.of(), body, null, millis, true);
    }

    public boolean answered() {
        return failure == null;
    }

    public String header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    public String contentType() {
        String type = header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    public String text() {
        return new String(Wire.bytes(body), StandardCharsets.UTF_8);
    }

    public String describe() {
        if (!answered()) {
            return "no answer after " + millis + " ms: " + failure;
        }
        return "HTTP " + status + " after " + millis + " ms\n    "
                + Wire.preview(head, 2000).replace("\\r\\n", "\n    ") + "\n    " + Wire.preview(body, 1500);
    }
}
