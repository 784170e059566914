package dev.supportdesk.e2e.hostile;

import dev.supportdesk.e2e.hostile.Commands.Command;
import dev.supportdesk.e2e.hostile.HostileRequest.Framing;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Odd headers on otherwise valid requests: wrong or broken Content-Type, If-Match garbage, weird
 * Idempotency-Keys (and keys reused from the fixture), huge, many and duplicate headers, contradictory
 * framing, Expect, Accept, Host, header lines that break the syntax, and headers that claim an identity.
 */
final class HeaderCases {

    private HeaderCases() {}

    private record Case(String name, BiFunction<SplittableRandom, RequestGenerator, Draft> build) {}

    private static final List<Case> CASES = List.of(
            // Content-Type on a command
            onCommand("content-type missing", d -> {
                d.contentType = null;
                d.refused("a body without Content-Type");
            }),
            onCommand("content-type text/plain", d -> {
                d.contentType = "text/plain";
                d.refused("not JSON");
            }),
            onCommand("content-type xml", d -> {
                d.contentType = "application/xml";
                d.refused("not JSON");
            }),
            onCommand("content-type form", d -> {
                d.contentType = "application/x-www-form-urlencoded";
                d.refused("not JSON");
            }),
            onCommand("content-type multipart", d -> {
                d.contentType = "multipart/form-data; boundary=xyz";
                d.refused("not JSON");
            }),
            onCommand("content-type json latin-1", d -> d.contentType = "application/json;charset=ISO-8859-1"),
            onCommand("content-type json utf-16", d -> d.contentType = "application/json; charset=UTF-16"),
            onCommand(
                    "content-type json unknown charset",
                    d -> d.contentType = "application/json; charset=no-such-charset-42"),
            onCommand(
                    "content-type json charset garbage",
                    d -> d.contentType = "application/json; charset=\"' OR 1=1 --\""),
            onCommand("content-type problem+json", d -> d.contentType = "application/problem+json"),
            onCommand("content-type empty", d -> {
                d.contentType = "";
                d.refused("an empty Content-Type");
            }),
            onCommand("content-type garbage", d -> {
                d.contentType = ";;;/";
                d.refused("a Content-Type that is no media type");
            }),
            onCommand("content-type huge", d -> d.contentType = "application/json; x=" + "y".repeat(7_000)),
            onCommand("content-type twice", d -> d.headers.add("Content-Type: text/plain")),
            onCommand("content-type control", d -> {
                d.contentType = "application/json\u0001";
                d.refused("a control character in a header");
            }),
            onCommand("content-type wildcard", d -> d.contentType = "*/*"),
            onCommand("content-type upper case", d -> d.contentType = "APPLICATION/JSON"),
            onCommand("content-type json-seq", d -> d.contentType = "application/json-seq"),
            onOpen("content-type text/plain on open", d -> {
                d.contentType = "text/plain";
                d.refused("not JSON");
            }),
            // If-Match on a command
            ifMatch("garbage", true),
            ifMatch("\"abc\"", true),
            ifMatch("\"-1\"", true),
            ifMatch("\"99999999999999999999\"", true),
            ifMatch("\"1\", \"2\"", true),
            ifMatch("' OR 1=1 --", true),
            ifMatch("\"" + "9".repeat(1_000) + "\"", true),
            ifMatch("x".repeat(7_000), true),
            ifMatch("\"1", false),
            ifMatch("*", false),
            ifMatch("W/\"1\"", false),
            ifMatch("\"0\"", false),
            ifMatch("", false),
            ifMatch("\"\"", true),
            ifMatch("\"1\"\"2\"", true),
            onOpen("if-match on open", d -> d.headers.add("If-Match: garbage")),
            onCommand("if-match twice", d -> {
                d.headers.add("If-Match: \"1\"");
                d.headers.add("If-Match: garbage");
            }),
            // Idempotency-Key on an open
            key("", false),
            key("   ", false),
            key("k".repeat(201), true),
            key("k".repeat(5_000), true),
            key("' OR 1=1 --", false),
            key("${jndi:ldap://127.0.0.1/a}", false),
            key(Wire.utf8("cl\u00E9-\uD83D\uDE00"), false),
            key("a" + Wire.hex("C0 80") + "b", false),
            key("a\u0001b", true),
            onOpen("idempotency-key twice", d -> {
                d.headers.add("Idempotency-Key: twice-a");
                d.headers.add("Idempotency-Key: twice-b");
            }),
            new Case("idempotency-key reused, same body", (random, generator) -> reused(random, generator, true)),
            new Case("idempotency-key reused, other body", (random, generator) -> reused(random, generator, false)),
            // Size and number of headers
            onQueue("one 7000-byte header", d -> d.headers.add("X-Padding: " + "p".repeat(7_000))),
            onQueue("one 9000-byte header", d -> {
                d.headers.add("X-Padding: " + "p".repeat(9_000));
                d.refused("headers beyond the limit");
            }),
            onQueue("90 headers", d -> {
                for (int i = 0; i < 90; i++) {
                    d.headers.add("X-Many-" + i + ": v");
                }
            }),
            onQueue("150 headers", d -> {
                for (int i = 0; i < 150; i++) {
                    d.headers.add("X-Many-" + i + ": v");
                }
            }),
            onQueue(
                    "a 7000-byte Accept",
                    d -> d.accept = "Accept: application/json;q=0.9, " + "text/x-pad, ".repeat(580)),
            onCommand(
                    "a 7000-byte Idempotency-Key on a command",
                    d -> d.headers.add("Idempotency-Key: " + "k".repeat(7_000))),
            // Framing
            onCommand("two different Content-Lengths", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Content-Length: " + d.body.length());
                d.headers.add("Content-Length: " + (d.body.length() + 5));
                d.refused("two different Content-Lengths");
            }),
            onCommand("Content-Length and chunked", d -> {
                d.framing = Framing.CHUNKED;
                d.headers.add("Content-Length: " + (d.body.length() + 7));
            }),
            onCommand("Content-Length shorter than the body", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Content-Length: " + d.body.length() / 2);
                d.refused("half a JSON body");
            }),
            onCommand("negative Content-Length", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Content-Length: -1");
                d.refused("a negative Content-Length");
            }),
            onCommand("Content-Length not a number", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Content-Length: abc");
                d.refused("a Content-Length that is no number");
            }),
            onCommand("Content-Length beyond the limit", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Content-Length: 99999999999");
                d.refused("a Content-Length beyond the body limit");
            }),
            onCommand("Transfer-Encoding gzip", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Transfer-Encoding: gzip");
            }),
            onCommand("Transfer-Encoding chunked twice", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Transfer-Encoding: chunked, chunked");
                d.body = Integer.toHexString(d.body.length()) + "\r\n" + d.body + "\r\n0\r\n\r\n";
            }),
            onCommand("a chunk size that is no number", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Transfer-Encoding: chunked");
                d.body = "zz\r\n" + d.body + "\r\n0\r\n\r\n";
                d.refused("a broken chunked body");
            }),
            onCommand("a chunk extension", d -> {
                d.framing = Framing.AS_GIVEN;
                d.headers.add("Transfer-Encoding: chunked");
                d.body = Integer.toHexString(d.body.length()) + ";ext=\"' OR 1=1\"\r\n" + d.body + "\r\n0\r\n\r\n";
            }),
            onCommand("a chunked body beyond the limit", d -> {
                d.framing = Framing.CHUNKED;
                d.body = "{\"body\":\"" + "c".repeat(FieldValue.BODY_LIMIT + 100) + "\",\"visibility\":\"INTERNAL\"}";
                d.refused("a body beyond the limit");
            }),
            onCommand("Expect 100-continue", d -> d.headers.add("Expect: 100-continue")),
            onCommand("Expect garbage", d -> d.headers.add("Expect: the-unexpected")),
            // Accept
            onQueue("Accept xml", d -> d.accept = "Accept: application/xml"),
            onQueue("Accept csv", d -> d.accept = "Accept: text/csv"),
            onQueue("Accept garbage", d -> d.accept = "Accept: ;;;garbage//"),
            onQueue("Accept bad q", d -> d.accept = "Accept: */*;q=abc"),
            onQueue("Accept missing", d -> d.accept = null),
            onDetail("Accept html", d -> d.accept = "Accept: text/html"),
            onCommand("Accept xml on a command", d -> d.accept = "Accept: application/xml"),
            // Host
            onQueue("Host missing", d -> {
                d.sendsHost = false;
                d.refused("HTTP/1.1 without Host");
            }),
            onQueue("Host empty", d -> d.headers.add("Host:")),
            onQueue("Host garbage", d -> d.headers.add("Host: evil.example:99999")),
            onQueue("Host script", d -> d.headers.add("Host: <script>")),
            onQueue("Host twice", d -> {
                d.headers.add("Host: 127.0.0.1");
                d.headers.add("Host: evil.example");
            }),
            // Header syntax
            onQueue("CRLF in a header value", d -> d.headers.add("X-Test: a\r\nX-Injected: yes")),
            onQueue("bare LF in a header value", d -> d.headers.add("X-Test: a\nb")),
            onQueue("bare CR in a header value", d -> {
                d.headers.add("X-Test: a\rb");
                d.refused("a bare CR in a header");
            }),
            onQueue("NUL in a header value", d -> {
                d.headers.add("X-Test: a\u0000b");
                d.refused("NUL in a header");
            }),
            onQueue("a folded header", d -> d.headers.add("X-Test: a\r\n  folded")),
            onQueue("a space in a header name", d -> d.headers.add("X Test: 1")),
            onQueue("a header line without colon", d -> d.headers.add("JustSomeText")),
            onQueue("a space before the colon", d -> d.headers.add("X-Test : 1")),
            onQueue("a header name with brackets", d -> d.headers.add("X(y): z")),
            onQueue("UTF-8 in a header value", d -> d.headers.add("X-Test: " + Wire.utf8("caf\u00E9 \uD83D\uDE00"))),
            onQueue("invalid UTF-8 in a header value", d -> d.headers.add("X-Test: a" + Wire.hex("C0 80 FF") + "b")),
            onQueue("DEL in a header value", d -> d.headers.add("X-Test: a\u007Fb")),
            onCommand("CRLF smuggling in If-Match", d -> d.headers.add("If-Match: \"1\"\r\nX-Injected: yes")),
            // Identity claimed by headers: never trusted
            new Case("a user name in headers, no credentials", (random, generator) -> {
                Draft d = queue(random, generator);
                d.caller = Caller.nobody();
                d.headers.addAll(List.of(
                        "X-Forwarded-User: admin",
                        "X-Remote-User: admin",
                        "X-User: admin",
                        "Remote-User: admin",
                        "X-Forwarded-For: 127.0.0.1",
                        "X-Real-IP: 127.0.0.1",
                        "X-Auth-Role: ADMIN"));
                d.expect = HostileRequest.Expectation.ANY;
                return d;
            }),
            new Case("a user name in headers on a command, no credentials", (random, generator) -> {
                Draft d = command(random, generator);
                d.caller = Caller.nobody();
                d.headers.addAll(List.of("X-Forwarded-User: admin", "X-User: sam", "X-Actor: admin", "X-Role: ADMIN"));
                return d;
            }),
            onQueue(
                    "a session cookie of garbage",
                    d -> d.headers.add("Cookie: JSESSIONID=' OR 1=1 --; SESSION=../../x")),
            onCommand("a CSRF token of garbage", d -> d.headers.add("X-XSRF-TOKEN: <script>")),
            onQueue("Cache-Control garbage", d -> d.headers.add("Cache-Control: max-age=-1, ${jndi:x}")),
            onQueue(
                    "Accept-Language garbage",
                    d -> d.headers.add("Accept-Language: xx-" + Wire.hex("FF FF") + ";q=abc")),
            onDetail("If-None-Match garbage", d -> d.headers.add("If-None-Match: ' OR 1=1 --")),
            onDetail("If-Modified-Since garbage", d -> d.headers.add("If-Modified-Since: yesterday")),
            onQueue("Range", d -> d.headers.add("Range: bytes=0-10")),
            onQueue("Upgrade h2c", d -> {
                d.headers.add("Upgrade: h2c");
                d.headers.add("HTTP2-Settings: AAMAAABkAAQAAP__");
            }),
            onQueue("Upgrade websocket", d -> {
                d.headers.add("Upgrade: websocket");
                d.headers.add("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
                d.headers.add("Sec-WebSocket-Version: 13");
            }),
            onQueue("Connection keep-alive before close", d -> d.headers.add("Connection: keep-alive")),
            onQueue("Accept-Encoding gzip", d -> d.headers.add("Accept-Encoding: gzip, deflate, br")),
            onQueue("Max-Forwards 0 with TRACE-like headers", d -> d.headers.add("Max-Forwards: 0")),
            onQueue("X-HTTP-Method-Override", d -> d.headers.add("X-HTTP-Method-Override: DELETE")),
            onCommand("X-HTTP-Method-Override on a command", d -> d.headers.add("X-HTTP-Method-Override: PUT")));

    static final int COUNT = CASES.size();

    static Draft apply(int number, SplittableRandom random, RequestGenerator generator) {
        Case c = CASES.get(number);
        Draft draft = c.build().apply(random, generator);
        draft.kind = "header:" + c.name() + " (" + draft.kind + ")";
        return draft;
    }

    private static Case onCommand(String name, java.util.function.Consumer<Draft> change) {
        return new Case(name, (random, generator) -> {
            Draft d = command(random, generator);
            change.accept(d);
            return d;
        });
    }

    private static Case onOpen(String name, java.util.function.Consumer<Draft> change) {
        return new Case(name, (random, generator) -> {
            Draft d = open(random, generator);
            change.accept(d);
            return d;
        });
    }

    private static Case onQueue(String name, java.util.function.Consumer<Draft> change) {
        return new Case(name, (random, generator) -> {
            Draft d = queue(random, generator);
            change.accept(d);
            return d;
        });
    }

    private static Case onDetail(String name, java.util.function.Consumer<Draft> change) {
        return new Case(name, (random, generator) -> {
            Draft d = new Draft("detail");
            d.caller = generator.reader(random);
            d.target = "/api/tickets/" + generator.ticket(random);
            change.accept(d);
            return d;
        });
    }

    /** If-Match garbage on a command: {@code refused} when it is no version the API could mean. */
    private static Case ifMatch(String value, boolean refused) {
        return onCommand("If-Match " + Wire.preview(value, 40), d -> {
            d.headers.add("If-Match: " + value);
            if (refused) {
                d.refused("If-Match is no ticket version");
            }
        });
    }

    private static Case key(String value, boolean refused) {
        return onOpen("Idempotency-Key " + Wire.preview(value, 40), d -> {
            d.headers.add("Idempotency-Key: " + value);
            if (refused) {
                d.refused("an Idempotency-Key the API does not take");
            }
        });
    }

    /** A harmless command on one of the run's tickets, by someone who may send it. */
    static Draft command(SplittableRandom random, RequestGenerator generator) {
        Command command = Values.pick(
                random, Command.REPLIES, Command.CUSTOMER_MESSAGES, Command.PRIORITY, Command.TAGS, Command.ASSIGN);
        Draft d = new Draft(command.name().toLowerCase());
        d.method = "POST";
        d.caller = generator.worker(random);
        String ticket = generator.ticket(random);
        d.target = command.path(ticket);
        d.json(command.validBody(random, generator.fixture().tickets(), ticket));
        return d;
    }

    static Draft open(SplittableRandom random, RequestGenerator generator) {
        Draft d = new Draft("open");
        d.method = "POST";
        d.caller = generator.worker(random);
        d.target = "/api/tickets";
        d.json(Command.OPEN.validBody(random, generator.fixture().tickets(), null));
        return d;
    }

    static Draft queue(SplittableRandom random, RequestGenerator generator) {
        Draft d = new Draft("queue");
        d.caller = generator.reader(random);
        d.target = "/api/tickets?size=3";
        return d;
    }

    /** The fixture's keyed open again: the same body is the first answer again, another body a 422. */
    private static Draft reused(SplittableRandom random, RequestGenerator generator, boolean sameBody) {
        RequestGenerator.KeyedOpen keyed =
                Values.pick(random, generator.fixture().keyedOpens());
        Draft d = new Draft("open with a used key");
        d.method = "POST";
        d.caller = Caller.person(keyed.user());
        d.target = "/api/tickets";
        d.headers.add("Idempotency-Key: " + keyed.key());
        if (sameBody) {
            d.json(keyed.body());
            d.succeeds("the same body with the same key gets the first answer again");
        } else {
            d.json(Command.OPEN
                    .validBody(random, generator.fixture().tickets(), null)
                    .put("subject", "Another body " + random.nextInt()));
            d.refused("the key was used with another body");
        }
        return d;
    }
}
