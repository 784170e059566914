package dev.supportdesk.e2e.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform must make of decoded query parameters, as API.md and the query side define them: the
 * queue's enum lists, sort, page and size, and {@code minVersion}. It says whether a query must be refused
 * and how long a detail read may wait, so that the test can tell a wrong answer from a right one.
 */
final class QueryModel {

    static final List<String> QUEUE_PARAMETERS =
            List.of("status", "assignee", "group", "priority", "channel", "tag", "q", "sla", "sort", "page", "size");

    private static final Map<String, Set<String>> ENUMS = Map.of(
            "status", Set.of("NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED"),
            "priority", Set.of("LOW", "NORMAL", "HIGH", "URGENT"),
            "channel", Set.of("PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"),
            "sla", Set.of("AT_RISK", "BREACHED"));
    private static final Set<String> SORTS = Set.of("dueAt", "-updatedAt", "-priority");

    /** Decoded parameters in order; a repeated name keeps every value. */
    private final Map<String, List<String>> parameters = new LinkedHashMap<>();
    /** False once a part went on the wire in a form whose decoding is the server's guess. */
    private boolean exact = true;

    void add(String name, String value) {
        parameters.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
    }

    void inexact() {
        exact = false;
    }

    boolean exact() {
        return exact;
    }

    /** Why the query must be refused, or null. Only meaningful when {@link #exact()}. */
    String refusal(boolean detail) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (textProblem(parameter.getKey())) {
                return "the parameter name holds a control character";
            }
            for (String value : parameter.getValue()) {
                if (textProblem(value)) {
                    return parameter.getKey() + " holds a control character";
                }
            }
        }
        if (detail) {
            String minVersion = value("minVersion");
            if (minVersion != null && !minVersion.isBlank() && minVersion(minVersion) < 1) {
                return "minVersion is not a whole number of at least 1";
            }
            return null;
        }
        for (String name : ENUMS.keySet()) {
            String value = value(name);
            if (value != null && !value.isBlank()) {
                for (String item : value.split(",")) {
                    if (!item.trim().isEmpty() && !ENUMS.get(name).contains(item.trim())) {
                        return name + " names an unknown value";
                    }
                }
            }
        }
        String sort = value("sort");
        if (sort != null && !sort.isBlank() && !SORTS.contains(sort.trim())) {
            return "sort is unknown";
        }
        if (!integerWithin(value("page"), 0, Integer.MAX_VALUE)) {
            return "page is not a whole number of at least 0";
        }
        if (!integerWithin(value("size"), 1, 200)) {
            return "size is not a whole number from 1 to 200";
        }
        return null;
    }

    /** The version a detail read waits for (0: it answers at once). */
    long waitsFor() {
        String minVersion = value("minVersion");
        if (!exact || minVersion == null || minVersion.isBlank()) {
            return exact ? 0 : Long.MAX_VALUE;
        }
        return Math.max(0, minVersion(minVersion));
    }

    /** As Spring binds a repeated parameter to one String: the values joined by commas. */
    private String value(String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : String.join(",", values);
    }

    private static long minVersion(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean integerWithin(String raw, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return true;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value >= min && value <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The platform's rule for text anywhere in a request (RequestText): no C0 control but TAB, LF, CR. */
    static boolean textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
