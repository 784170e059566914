package dev.supportdesk.edge.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a raw query string before the edge sends it on. A malformed percent-escape ({@code %zz}, a
 * lone {@code %}) or bytes that are not UTF-8 ({@code %FF}, the overlong {@code %C0%80}) would make the
 * edge's URI parser fail (a 500) or reach a backend that decodes them leniently into something the
 * client never sent; both are the client's mistake, answered 400 with the parameter named.
 */
final class QueryString {

    /** One problem of one parameter, in the shape of the API's validation errors. */
    record Problem(String field, String message) {
    }

    /** Printable ASCII that a URI may not carry literally in its query. */
    private static final String MUST_BE_ENCODED = "\"<>\\^`{|}";

    private QueryString() {
    }

    /** @return the problems of every parameter, empty when the query string is well formed (or absent) */
    static List<Problem> problems(String rawQuery) {
        List<Problem> problems = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return problems;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String nameProblem = problemOf(rawName);
            String name = nameProblem == null ? decode(rawName) : rawName;
            if (nameProblem != null) {
                problems.add(new Problem(name, "the parameter name has " + nameProblem));
                continue;
            }
            String valueProblem = problemOf(rawValue);
            if (valueProblem != null) {
                problems.add(new Problem(name, "the value has " + valueProblem));
            }
        }
        return problems;
    }

    /** What is wrong with one percent-encoded component, or null. */
    private static String problemOf(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                    return "a malformed percent-escape '" + escape + "' (a % must be followed by two hex digits)";
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c <= 0x20 || c >= 0x7f || MUST_BE_ENCODED.indexOf(c) >= 0) {
                return "a character that must be percent-encoded";
            } else {
                bytes.write(c);
            }
        }
        try {
            UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return null;
        } catch (CharacterCodingException e) {
            return "percent-escapes that are not UTF-8";
        }
    }

    /** Only called on a component {@link #problemOf} accepted. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        return bytes.toString(UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
