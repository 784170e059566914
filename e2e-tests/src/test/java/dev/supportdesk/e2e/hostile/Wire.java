package dev.supportdesk.e2e.hostile;

import java.nio.charset.StandardCharsets;

/**
 * Bytes on the wire written as Java strings of chars 0-255, one char per byte (ISO-8859-1), so that a
 * request line, a header or a body can hold any byte sequence, valid UTF-8 or not, and still be built
 * with ordinary string operations.
 */
public final class Wire {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private Wire() {}

    /** The UTF-8 bytes of the text. */
    public static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Bytes written as hex pairs, e.g. {@code hex("C0 80")}. */
    public static String hex(String pairs) {
        StringBuilder out = new StringBuilder();
        for (String pair : pairs.trim().split("\\s+")) {
            out.append((char) Integer.parseInt(pair, 16));
        }
        return out.toString();
    }

    public static byte[] bytes(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            if (wire.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(
                        "not a wire string (char " + (int) wire.charAt(i) + " at " + i + ")");
            }
        }
        return wire.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Percent-encodes every byte of the wire string but the unreserved characters of RFC 3986. */
    public static String percent(String wire) {
        StringBuilder out = new StringBuilder(wire.length() * 3);
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-encoded UTF-8 of the text, as a well-behaved client would send it. */
    public static String encoded(String text) {
        return percent(utf8(text));
    }

    /** Printable ASCII as is, everything else as {@code \xNN}, cut after {@code max} bytes. */
    public static String preview(String wire, int max) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(wire.length(), max);
        for (int i = 0; i < shown; i++) {
            char c = wire.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        if (wire.length() > max) {
            out.append("... (").append(wire.length()).append(" bytes in all)");
        }
        return out.toString();
    }
}
