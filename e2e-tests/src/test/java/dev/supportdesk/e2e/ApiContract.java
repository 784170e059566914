package dev.supportdesk.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The contract in docs/api.md: its table of endpoints, each served or planned. */
final class ApiContract {

    record Endpoint(String method, String path, boolean served) {

        String key() {
            return method + " " + path;
        }
    }

    private static final Pattern TABLE_ROW =
            Pattern.compile("^\\| (GET|POST|PUT|DELETE|PATCH) \\| `(/api[^`]*)` \\| (served|planned) \\|$");
    private static final Pattern MENTION = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api[^`?\\s]*)");

    private final String text;
    private final List<Endpoint> endpoints;

    private ApiContract(String text) {
        this.text = text;
        List<Endpoint> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher row = TABLE_ROW.matcher(line.strip());
            if (row.matches()) {
                rows.add(new Endpoint(row.group(1), row.group(2), row.group(3).equals("served")));
            }
        }
        this.endpoints = List.copyOf(rows);
    }

    static ApiContract read() {
        Path root = Path.of(System.getProperty("platform.root", ".."))
                .toAbsolutePath()
                .normalize();
        try {
            return new ApiContract(Files.readString(root.resolve("docs").resolve("api.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    List<Endpoint> served() {
        return endpoints.stream().filter(Endpoint::served).toList();
    }

    boolean marksPlanned(String method, String path) {
        return endpoints.stream()
                .anyMatch(e ->
                        !e.served() && e.method().equals(method) && e.path().equals(path));
    }

    /** Every {@code METHOD /api/...} the text names in code spans, e.g. in the prose of a section. */
    Set<String> mentioned() {
        Set<String> mentioned = new LinkedHashSet<>();
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            mentioned.add(mention.group(1) + " " + mention.group(2));
        }
        return mentioned;
    }
}
