package dev.supportdesk.e2e.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated request, exactly as it goes on the wire. {@code target} and {@code headers} are wire
 * strings ({@link Wire}); the request line is {@code method SP target SP version}. Unless the request
 * sets its own framing, a {@code Content-Length} (or chunked encoding) matching the body is added, and
 * every request ends with {@code Connection: close}.
 *
 * @param index         its place in the run; with the seed it regenerates the same request
 * @param sendsHost     whether a Host header is added (unless the headers hold one, or the version is HTTP/1.0)
 * @param kind          what it probes, e.g. {@code field:replies.body:invalid-utf8}
 * @param correlationId the valid {@code X-Correlation-Id} it carries, or null when it probes that header
 * @param expect        what the answer must be beyond the rules every answer obeys
 * @param waitsFor      the {@code minVersion} it asks for (as the server parses it), or 0
 */
public record HostileRequest(
        int index,
        String kind,
        String method,
        String target,
        String version,
        boolean sendsHost,
        List<String> headers,
        String body,
        Framing framing,
        Caller caller,
        String correlationId,
        Expectation expect,
        long waitsFor) {

    /** How the body's length is told. */
    public enum Framing {
        /** {@code Content-Length} of the body (none without a body). */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}, the body in chunks. */
        CHUNKED,
        /** The request's own headers frame the body (or deliberately fail to). */
        AS_GIVEN
    }

    /** What the answer must be, and why. */
    public record Expectation(Outcome outcome, String why) {

        public static final Expectation ANY = new Expectation(Outcome.ANY, "");

        public static Expectation refused(String why) {
            return new Expectation(Outcome.REFUSED, why);
        }

        public static Expectation success(String why) {
            return new Expectation(Outcome.SUCCESS, why);
        }

        /** The stricter of the two: a refusal reason wins over anything else. */
        Expectation and(Expectation other) {
            if (outcome == Outcome.REFUSED) {
                return this;
            }
            if (other.outcome == Outcome.REFUSED || outcome == Outcome.ANY) {
                return other;
            }
            return this;
        }
    }

    public enum Outcome {
        /** Only the rules for every answer. */
        ANY,
        /** A 4xx: the request is invalid whatever state the platform is in. */
        REFUSED,
        /** A 2xx: a valid request whose answer does not depend on any ticket's state. */
        SUCCESS
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    /** HTTP/1.0 and HTTP/1.1 are spoken; any other version may be answered 505. */
    public boolean asksForAnUnknownVersion() {
        return !version.equals("HTTP/1.1") && !version.equals("HTTP/1.0");
    }

    /**
     * Whether the first line names no HTTP version at all: Tomcat then speaks HTTP/0.9, whose answer is
     * a bare body without status line or headers.
     */
    public boolean isSimpleRequest() {
        String wire = wire("h");
        int end = wire.indexOf('\n');
        return !(end < 0 ? wire : wire.substring(0, end)).contains("HTTP/");
    }

    /** The request as bytes (wire string). */
    public String wire(String host) {
        StringBuilder out = new StringBuilder();
        out.append(method);
        if (!target.isEmpty()) {
            out.append(' ').append(target);
        }
        if (!version.isEmpty()) {
            out.append(' ').append(version);
        }
        out.append("\r\n");
        List<String> lines = new ArrayList<>(headers);
        boolean hasHost = lines.stream()
                .anyMatch(line ->
                        line.regionMatches(true, 0, "Host:", 0, 5) || line.regionMatches(true, 0, "Host ", 0, 5));
        if (!hasHost && sendsHost && !version.equals("HTTP/1.0")) {
            lines.add(0, "Host: " + host);
        }
        String payload = body;
        if (framing == Framing.LENGTH && !body.isEmpty()) {
            lines.add("Content-Length: " + body.length());
        } else if (framing == Framing.CHUNKED) {
            lines.add("Transfer-Encoding: chunked");
            payload = chunked(body);
        }
        lines.add("Connection: close");
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        out.append("\r\n").append(payload);
        return out.toString();
    }

    private static String chunked(String body) {
        StringBuilder out = new StringBuilder();
        int chunk = 16 * 1024;
        for (int at = 0; at < body.length(); at += chunk) {
            String part = body.substring(at, Math.min(body.length(), at + chunk));
            out.append(Integer.toHexString(part.length()))
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }

    /** Enough to reproduce it by hand: the request line, every header, the start of the body. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("#")
                .append(index)
                .append(" [")
                .append(kind)
                .append("] as ")
                .append(caller.label())
                .append(
                        expect.outcome() == Outcome.ANY
                                ? ""
                                : ", must be " + expect.outcome() + " (" + expect.why() + ")")
                .append("\n    ")
                .append(Wire.preview(method, 80))
                .append(' ')
                .append(Wire.preview(target, 400))
                .append(' ')
                .append(Wire.preview(version, 40));
        for (String header : headers) {
            out.append("\n    ").append(Wire.preview(header, 300));
        }
        out.append("\n    (")
                .append(framing)
                .append(", ")
                .append(body.length())
                .append(" body bytes) ")
                .append(Wire.preview(body, 400));
        return out.toString();
    }
}
