package dev.supportdesk.e2e.hostile;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Odd request lines: other forms of the target, unknown or missing HTTP versions, odd methods and
 * separators, raw bytes a URL may not hold, dot segments, and bytes that are no HTTP at all.
 */
final class LineCases {

    private LineCases() {}

    private record Case(String name, BiConsumer<Draft, SplittableRandom> change) {}

    private static final List<Case> CASES = List.of(
            new Case("absolute form", (d, r) -> d.target = "http://evil.example/api/tickets?size=1"),
            new Case("absolute form, our host", (d, r) -> d.target = "http://127.0.0.1/api/tickets?size=1"),
            new Case("asterisk form", (d, r) -> {
                d.method = "OPTIONS";
                d.target = "*";
            }),
            new Case("authority form", (d, r) -> {
                d.method = "CONNECT";
                d.target = "127.0.0.1:22";
            }),
            new Case("HTTP/1.0 without Host", (d, r) -> d.version = "HTTP/1.0"),
            new Case("HTTP/2.0", (d, r) -> d.version = "HTTP/2.0"),
            new Case("HTTP/1.7", (d, r) -> d.version = "HTTP/1.7"),
            new Case("HTTP/3", (d, r) -> d.version = "HTTP/3"),
            new Case("lower-case version", (d, r) -> d.version = "http/1.1"),
            new Case("no version", (d, r) -> d.version = ""),
            new Case("a garbage version", (d, r) -> d.version = "HTTP/" + Wire.hex("C0 80")),
            new Case("a tab for a space", (d, r) -> {
                d.method = "GET\t" + d.target;
                d.target = "";
            }),
            new Case("two spaces", (d, r) -> d.target = " " + d.target),
            new Case("a raw space in the target", (d, r) -> d.target = "/api/tickets/T 1"),
            new Case(
                    "raw invalid UTF-8 in the path",
                    (d, r) -> d.target = "/api/tickets/T-" + Values.pick(r, Values.INVALID_UTF8)),
            new Case("raw UTF-8 in the path", (d, r) -> d.target = "/api/tickets/" + Wire.utf8("T-\u00E9\uD83D\uDE00")),
            new Case("a raw control byte in the path", (d, r) -> {
                d.target = "/api/tickets/T-" + Values.pick(r, "\u0000", "\u0001", "\u001B", "\u007F");
                d.refused("a control character in the request line");
            }),
            new Case("a fragment", (d, r) -> d.target = "/api/tickets?size=1#fragment"),
            new Case("no leading slash", (d, r) -> d.target = "api/tickets"),
            new Case("dot segments", (d, r) -> d.target = "/api/tickets/../users"),
            new Case("dot segments out of the root", (d, r) -> d.target = "/../../../etc/passwd"),
            new Case("a current-directory segment", (d, r) -> d.target = "/api/./tickets?size=1"),
            new Case("encoded dot segments", (d, r) -> d.target = "/api/tickets/%2e%2e/%2e%2e/actuator/health"),
            new Case("a dot segment with a path parameter", (d, r) -> d.target = "/api/tickets/..;/users"),
            new Case("a double slash", (d, r) -> d.target = "//api//tickets"),
            new Case("backslashes", (d, r) -> d.target = "/api\\tickets"),
            new Case(
                    "raw characters a URL may not hold",
                    (d, r) -> d.target =
                            "/api/tickets?q=" + Values.pick(r, "\"", "<", ">", "{", "}", "|", "\\", "^", "`")),
            new Case("a 1000-character method", (d, r) -> d.method = "G".repeat(1_000)),
            new Case("a lower-case method", (d, r) -> d.method = "get"),
            new Case("a method with a space", (d, r) -> d.method = "G ET"),
            new Case("a method with a control byte", (d, r) -> d.method = "GE\u0001T"),
            new Case("a method with a slash", (d, r) -> d.method = "GET/"),
            new Case("a target of 9000 bytes", (d, r) -> {
                d.target = "/api/tickets?q=" + "x".repeat(9_000);
                d.refused("a request line beyond the header limit");
            }),
            new Case("random bytes", (d, r) -> {
                StringBuilder junk = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    junk.append((char) r.nextInt(256));
                }
                d.method = junk.toString().replace("\r", "").replace("\n", "");
                d.target = "";
                d.version = "";
            }),
            new Case("a TLS hello", (d, r) -> {
                d.method = Wire.hex("16 03 01 00 A5 01 00 00 A1 03 03") + "x".repeat(40);
                d.target = "";
                d.version = "";
            }),
            new Case("empty lines first", (d, r) -> d.method = "\r\n\r\nGET"),
            new Case("a lone LF for line ends", (d, r) -> d.version = "HTTP/1.1\nX-Bare: lf"),
            new Case("an HTTP answer as a request", (d, r) -> {
                d.method = "HTTP/1.1";
                d.target = "200";
                d.version = "OK";
            }),
            new Case("a PRI preface", (d, r) -> {
                d.method = "PRI";
                d.target = "*";
                d.version = "HTTP/2.0\r\n\r\nSM";
            }));

    static final int COUNT = CASES.size();

    static Draft apply(int number, SplittableRandom random, RequestGenerator generator) {
        Case c = CASES.get(number);
        Draft draft = new Draft("line:" + c.name());
        draft.caller = random.nextInt(4) == 0 ? generator.anyone(random) : generator.reader(random);
        draft.target = "/api/tickets?size=1";
        c.change().accept(draft, random);
        return draft;
    }
}
