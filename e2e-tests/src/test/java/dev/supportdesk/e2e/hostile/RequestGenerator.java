package dev.supportdesk.e2e.hostile;

import dev.supportdesk.e2e.hostile.Caller.Standing;
import dev.supportdesk.e2e.hostile.Commands.Command;
import dev.supportdesk.e2e.hostile.Commands.Field;
import dev.supportdesk.e2e.hostile.HostileRequest.Framing;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Generates the hostile requests of a run. Request {@code i} depends only on the seed, {@code i} and the
 * fixture (the tickets and idempotency keys the run opened first), so a seed regenerates the same run.
 * <p>
 * The first {@link #coverageSize()} requests are a sweep that reaches everything at least once, each
 * detail of it varied by the seed: every HTTP method on every path of the contract, every field of every
 * command body with every kind of hostile value, every queue parameter and {@code minVersion} with every
 * kind of hostile value and encoding, odd headers, odd request lines, malformed bodies, every caller on
 * the main endpoints, and hostile correlation ids. The rest is a random mix of the same, with valid
 * requests among them so that real tickets are opened and changed meanwhile.
 * <p>
 * Requests that could change the platform for other tests are never valid: SLA policies and calendars
 * get bodies without their required members, and projection replays and retries name projections and
 * events that do not exist.
 */
public final class RequestGenerator {

    /** The run's own tickets (opened before the hostile requests) and the keyed opens among them. */
    public record Fixture(List<String> tickets, List<KeyedOpen> keyedOpens) {}

    /** A ticket opened with an Idempotency-Key: user, key and the exact body. */
    public record KeyedOpen(String user, String key, String body) {}

    public static final int WARM_UP_TICKETS = 24;

    static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO");

    private static final List<String> WORKERS =
            List.of("alice", "alice", "alice", "alice", "sam", "sam", "admin", "bob", "tina");
    private static final List<String> READERS = List.of("alice", "sam", "ana", "audrey", "admin", "tina");

    private final long seed;
    private final Fixture fixture;
    private final List<String> paths;
    private final List<Function<SplittableRandom, Draft>> coverage = new ArrayList<>();
    private final List<Caller> oddCallers = oddCallers();

    /**
     * @param paths every path the sweep sends every method to, with query strings where the endpoint requires
     *              them ({@link ApiPaths#fromOpenApi}: the platform's OpenAPI document and what lies around it)
     */
    public RequestGenerator(long seed, Fixture fixture, List<String> paths) {
        if (fixture.tickets().size() < 2) {
            throw new IllegalArgumentException("the fixture needs at least two tickets");
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("the sweep needs paths");
        }
        this.seed = seed;
        this.fixture = fixture;
        this.paths = List.copyOf(paths);
        sweep();
    }

    /** The paths the sweep sends every method to. */
    List<String> paths() {
        return paths;
    }

    public int coverageSize() {
        return coverage.size();
    }

    /** The run's correlation id of request {@code index}: unique, and valid for every service. */
    public static String correlationId(long seed, int index) {
        return "hx-" + Long.toHexString(seed) + "-" + index;
    }

    public HostileRequest request(int index) {
        SplittableRandom random = random(seed, index);
        Draft draft = index < coverage.size() ? coverage.get(index).apply(random) : mixed(random);
        return draft.build(index, correlationId(seed, index));
    }

    /**
     * The valid opens that make the fixture, numbered from 0; every third carries an Idempotency-Key. They
     * use indexes below zero, so their correlation ids are the run's too.
     */
    public static HostileRequest warmUp(long seed, int number) {
        SplittableRandom random = random(seed, -1 - number);
        Draft draft = new Draft("warm-up:open");
        draft.caller = Caller.person(WORKERS.get(number % WORKERS.size()));
        draft.method = "POST";
        Json.Obj body = Command.OPEN.validBody(random, List.of(), null);
        // Each warm-up ticket says which it is, for anyone reading the data afterwards.
        body.put("subject", "Hostile-input fixture " + number + ": " + body.get("subject"));
        draft.json(body);
        if (number % 3 == 0) {
            draft.headers.add("Idempotency-Key: hostile-" + Long.toHexString(seed) + "-" + number);
        }
        draft.succeeds("a valid open");
        return draft.build(-1 - number, correlationId(seed, -1 - number));
    }

    /** The Idempotency-Key a warm-up open carried, or null. */
    public static String warmUpKey(HostileRequest request) {
        return request.headers().stream()
                .filter(h -> h.startsWith("Idempotency-Key: "))
                .map(h -> h.substring("Idempotency-Key: ".length()))
                .findFirst()
                .orElse(null);
    }

    private static SplittableRandom random(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L);
    }

    // ---------------------------------------------------------------------------------------------- the sweep

    private void sweep() {
        for (String method : METHODS) {
            for (String path : paths) {
                coverage.add(random -> methodOnPath(random, method, path));
            }
        }
        for (Command command : Command.values()) {
            for (Field field : command.fieldsAndUnknown()) {
                for (FieldValue value : FieldValue.values()) {
                    if (value.appliesTo(field)) {
                        coverage.add(random -> field(random, command, field, value));
                    }
                }
            }
        }
        for (String parameter : QueryModel.QUEUE_PARAMETERS) {
            for (QueryValue value : QueryValue.values()) {
                coverage.add(random -> query(random, parameter, value, false));
            }
        }
        for (QueryValue value : QueryValue.values()) {
            coverage.add(random -> query(random, "minVersion", value, true));
        }
        for (int i = 0; i < HeaderCases.COUNT; i++) {
            int number = i;
            coverage.add(random -> HeaderCases.apply(number, random, this));
        }
        for (int i = 0; i < LineCases.COUNT; i++) {
            int number = i;
            coverage.add(random -> LineCases.apply(number, random, this));
        }
        for (int i = 0; i < MALFORMED_BODIES.size(); i++) {
            int number = i;
            coverage.add(random -> malformed(random, number));
        }
        List<Caller> callers = new ArrayList<>();
        Caller.DEMO_USERS.forEach(user -> callers.add(Caller.person(user[0])));
        callers.addAll(oddCallers);
        for (Caller caller : callers) {
            for (RoleProbe probe : RoleProbe.values()) {
                coverage.add(random -> role(random, caller, probe));
            }
        }
        for (int i = 0; i < CORRELATION_CASES; i++) {
            int number = i;
            coverage.add(random -> correlation(random, number));
        }
    }

    /** The random part: weights in percent. */
    private Draft mixed(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return validOpen(random);
        } else if (roll < 22) {
            return validCommand(random);
        } else if (roll < 30) {
            return validRead(random);
        } else if (roll < 50) {
            Command command = Values.pick(random, Command.values());
            List<Field> fields = command.fieldsAndUnknown();
            Field field = fields.get(random.nextInt(fields.size()));
            FieldValue value;
            do {
                value = Values.pick(random, FieldValue.values());
            } while (!value.appliesTo(field) || (value.name().startsWith("HUGE") && random.nextInt(4) > 0));
            return field(random, command, field, value);
        } else if (roll < 62) {
            boolean detail = random.nextInt(12) == 0;
            String parameter = detail ? "minVersion" : Values.pick(random, QueryModel.QUEUE_PARAMETERS);
            return query(random, parameter, Values.pick(random, QueryValue.values()), detail);
        } else if (roll < 69) {
            return malformed(random, random.nextInt(MALFORMED_BODIES.size()));
        } else if (roll < 79) {
            return HeaderCases.apply(random.nextInt(HeaderCases.COUNT), random, this);
        } else if (roll < 87) {
            return methodOnPath(random, Values.pick(random, METHODS), paths.get(random.nextInt(paths.size())));
        } else if (roll < 93) {
            List<Caller> callers = new ArrayList<>(oddCallers);
            Caller.DEMO_USERS.forEach(user -> callers.add(Caller.person(user[0])));
            return role(random, Values.pick(random, callers), Values.pick(random, RoleProbe.values()));
        } else if (roll < 96) {
            return LineCases.apply(random.nextInt(LineCases.COUNT), random, this);
        } else {
            return correlation(random, random.nextInt(CORRELATION_CASES));
        }
    }

    // ---------------------------------------------------------------------------------------------- callers

    Caller worker(SplittableRandom random) {
        return Caller.person(Values.pick(random, WORKERS));
    }

    Caller reader(SplittableRandom random) {
        return Caller.person(Values.pick(random, READERS));
    }

    /** Anyone: mostly the demo users, sometimes wrong, missing or odd credentials. */
    Caller anyone(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 30) {
            return Caller.person("alice");
        } else if (roll < 42) {
            return Caller.person("sam");
        } else if (roll < 52) {
            return Caller.person("admin");
        } else if (roll < 62) {
            return Caller.person(Values.pick(random, "bob", "tina"));
        } else if (roll < 78) {
            return Caller.person(Values.pick(random, "ana", "audrey"));
        } else if (roll < 82) {
            String user = Values.pick(random, Caller.DEMO_USERS)[0];
            return Caller.wrongPassword(user, user + "-" + random.nextInt(1000));
        } else if (roll < 85) {
            // A name nobody has: a first failure each time, which the sign-in throttle answers at once.
            return Caller.wrongPassword("mallory" + random.nextInt(1_000_000), "guess");
        } else if (roll < 93) {
            return Caller.nobody();
        }
        return Values.pick(random, oddCallers);
    }

    private static List<Caller> oddCallers() {
        String alice = Caller.basic("alice", "alice");
        Base64.Encoder base64 = Base64.getEncoder();
        return List.of(
                Caller.wrongPassword("alice", "not-alice"),
                Caller.wrongPassword("admin", "Admin"),
                Caller.wrongPassword("sam", "sam "),
                // sla-monitor's account with the demo default: the platform under test has another password.
                Caller.wrongPassword("sla-monitor", "sla-monitor"),
                Caller.wrongPassword("mallory", "mallory"),
                Caller.nobody(),
                Caller.odd("'Basic' alone", Standing.REFUSED, "Basic"),
                Caller.odd("Basic with a token that is not base64", Standing.REFUSED, "Basic !!!***"),
                Caller.odd(
                        "Basic without a colon",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString("alice".getBytes())),
                Caller.odd(
                        "a Bearer token",
                        Standing.REFUSED,
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJBRE1JTiJ9."),
                Caller.odd("Digest", Standing.REFUSED, "Digest username=\"admin\", realm=\"x\", response=\"0\""),
                Caller.odd(
                        "an empty user and password",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString(":".getBytes())),
                Caller.odd("a 6000-character token", Standing.REFUSED, "Basic " + "QUFB".repeat(1500)),
                Caller.odd(
                        "invalid UTF-8 in the password",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString(Wire.bytes("alice:" + Wire.hex("C0 80") + "alice"))),
                Caller.odd(
                        "NUL after the password",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString("alice:alice\u0000".getBytes())),
                Caller.odd(
                        "SQL in the password",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString("admin:admin' OR '1'='1".getBytes())),
                Caller.odd(
                        "SQL as the user",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString("' OR 1=1 --:x".getBytes())),
                Caller.odd(
                        "a 3000-character password",
                        Standing.REFUSED,
                        "Basic " + base64.encodeToString(("alice:" + "x".repeat(3000)).getBytes())),
                Caller.odd("a lower-case scheme", Standing.UNCERTAIN, "basic " + alice.substring(6)),
                Caller.odd("the right credentials, then garbage", Standing.UNCERTAIN, alice, "Basic !!!"),
                Caller.odd("garbage, then the right credentials", Standing.UNCERTAIN, "Basic !!!", alice),
                Caller.odd("the user name in capitals", Standing.UNCERTAIN, Caller.basic("ALICE", "alice")),
                Caller.odd("a token with trailing text", Standing.UNCERTAIN, alice + " trailing"));
    }

    // ---------------------------------------------------------------------------------------------- tickets

    String ticket(SplittableRandom random) {
        return Values.pick(random, fixture.tickets());
    }

    /**
     * A path segment naming a ticket: mostly one of the run's, else unknown or hostile.
     *
     * @param existing whether it names one of the run's tickets for sure; an unknown segment that may still
     *                 resolve to one (a path parameter, which the servlet container strips) is neither
     */
    record TicketId(String segment, boolean existing, boolean unknown, String label) {

        TicketId(String segment, boolean existing, String label) {
            this(segment, existing, !existing, label);
        }
    }

    TicketId ticketId(SplittableRandom random) {
        if (random.nextInt(100) < 55) {
            return new TicketId(ticket(random), true, "existing");
        }
        String known = ticket(random);
        return switch (random.nextInt(17)) {
            case 0 -> new TicketId("T-" + (900_000_000 + random.nextInt(1_000_000)), false, "unknown");
            case 1 -> new TicketId(known.toLowerCase(Locale.ROOT), false, "lower-case");
            case 2 -> new TicketId(known + "%2F..%2Fadmin", false, "encoded-slash");
            case 3 -> new TicketId(known + "%252F..%252F", false, "double-encoded-slash");
            case 4 -> new TicketId("%2e%2e", false, "encoded-dot-dot");
            case 5 -> new TicketId("T-" + "9".repeat(3_000), false, "very-long");
            case 6 -> new TicketId("T-" + "9".repeat(9_000), false, "longer-than-the-header-limit");
            case 7 -> new TicketId(Wire.encoded(Values.injection(random)), false, "injection");
            case 8 -> new TicketId(known + "%00", false, "nul");
            case 9 -> new TicketId(known + "%C0%AF..", false, "overlong-slash");
            case 10 -> new TicketId("T-%D9%A1", false, "arabic-digit");
            case 11 -> new TicketId(known + ";x=1", false, false, "path-parameter");
            case 12 -> new TicketId(known + "%5C..%5C", false, "encoded-backslash");
            case 13 -> new TicketId("", false, "empty");
            case 14 -> new TicketId("%E2%80%AE" + known, false, "bidi-override");
            case 15 -> new TicketId(known + "%3Fx%3D1%23y", false, "encoded-query");
            default ->
                new TicketId(known + Wire.percent(Values.pick(random, Values.INVALID_UTF8)), false, "invalid-utf8");
        };
    }

    // ---------------------------------------------------------------------------------------------- methods × paths

    private Draft methodOnPath(SplittableRandom random, String method, String template) {
        Draft draft = new Draft("method:" + method + " " + template);
        draft.method = method;
        draft.caller =
                random.nextInt(4) == 0 ? anyone(random) : Caller.person(Values.pick(random, "alice", "sam", "admin"));
        TicketId id = ticketId(random);
        draft.target = template.replace("{id}", id.segment())
                .replace(
                        "{name}",
                        Values.pick(
                                random,
                                "no-such-" + random.nextInt(1000),
                                Wire.encoded(Values.injection(random)),
                                "%2e%2e"))
                .replace(
                        "{eventId}",
                        Values.pick(random, "no-such-event", "0", "-1", Wire.encoded(Values.injection(random))))
                // any other variable a newer endpoint has: a name nothing holds, or a hostile one
                .replaceAll(
                        "\\{[^}/]+}",
                        Matcher.quoteReplacement(
                                Values.pick(random, "no-such-" + random.nextInt(1000), "%2e%2e", "0")));
        draft.kind += template.contains("{id}") ? " (" + id.label() + " ticket)" : "";
        draft.api = template.startsWith("/api");
        boolean hasBody = List.of("POST", "PUT", "PATCH", "DELETE").contains(method) || random.nextInt(10) == 0;
        Command command = commandAt(template);
        if (hasBody) {
            if (command != null) {
                draft.json(command.validBody(random, fixture.tickets(), id.segment()));
            } else {
                // Never a complete policy, calendar or what-if: nothing here may change the SLA of other tests.
                draft.json(Values.pick(
                        random, "{}", "{\"match\":{},\"warnAtPercent\":80}", "{\"timeZone\":\"UTC\"}", "[]"));
            }
        }
        if (command != null && method.equals("POST")) {
            expectCommand(draft, command, !id.unknown());
        }
        return draft;
    }

    private static Command commandAt(String template) {
        if (template.equals("/api/tickets")) {
            return Command.OPEN;
        }
        for (Command command : Command.values()) {
            if (command != Command.OPEN && template.equals("/api/tickets/{id}/" + command.action)) {
                return command;
            }
        }
        return null;
    }

    /** The refusals a command's caller and ticket decide, whatever the body. */
    static void expectCommand(Draft draft, Command command, boolean mayExist) {
        if (command.who == Commands.Who.SYSTEM) {
            draft.refused("only sla-monitor's account may record SLA warnings and breaches");
        } else if (draft.caller.signedIn() && !command.allows(draft.caller)) {
            draft.refused(draft.caller.role() + " may not " + command.name().toLowerCase(Locale.ROOT));
        }
        if (command != Command.OPEN && !mayExist) {
            draft.refused("no such ticket");
        }
    }

    // ---------------------------------------------------------------------------------------------- bodies

    private Draft field(SplittableRandom random, Command command, Field field, FieldValue value) {
        Draft draft = new Draft(
                "field:" + command.name().toLowerCase(Locale.ROOT) + "." + field.path() + ":" + value.describe());
        draft.method = "POST";
        draft.caller = random.nextInt(8) == 0
                ? anyone(random)
                : command.who == Commands.Who.SUPERVISE
                        ? Caller.person(Values.pick(random, "sam", "admin"))
                        : worker(random);
        TicketId id = random.nextInt(10) == 0 ? ticketId(random) : new TicketId(ticket(random), true, "existing");
        draft.target = command.path(id.segment());
        Json.Obj body = command.validBody(random, fixture.tickets(), id.segment());
        String fragment = value.fragment(random, field);
        Json.Obj holder = Commands.holder(body, field);
        String leaf = Commands.leaf(field);
        switch (value) {
            case DUPLICATE_KEY -> {
                if (!holder.has(leaf)) {
                    holder.put(leaf, "first");
                }
                holder.add(leaf, new Json.Raw(fragment));
            }
            case KEY_CONTROL, KEY_INJECTION -> {
                if (!holder.has(leaf)) {
                    holder.put(leaf, new Json.Raw(fragment));
                }
                holder.rename(leaf, new Json.Raw(value.key(random, leaf)));
            }
            default -> Commands.set(body, field, new Json.Raw(fragment));
        }
        draft.json(body);
        if (random.nextInt(10) == 0) {
            draft.framing = Framing.CHUNKED;
        }
        expectCommand(draft, command, !id.unknown());
        String refusal = value.refusal(field);
        if (refusal != null) {
            draft.refused(refusal);
        }
        return draft;
    }

    /** Whole bodies that are not one valid JSON object; the ones marked true are valid JSON after all. */
    static final List<Object[]> MALFORMED_BODIES = List.of(
            new Object[] {"", false},
            new Object[] {" ", false},
            new Object[] {"{", false},
            new Object[] {"}", false},
            new Object[] {"[]", false},
            new Object[] {"[{}]", false},
            new Object[] {"null", false},
            new Object[] {"true", false},
            new Object[] {"42", false},
            new Object[] {"\"text\"", false},
            new Object[] {"{} x", false},
            new Object[] {"{}{}", false},
            new Object[] {"{\"a\":1} {\"b\":2}", false},
            new Object[] {"{'subject':'x'}", false},
            new Object[] {"{subject:\"x\"}", false},
            new Object[] {"{\"a\":1,}", false},
            new Object[] {"{\"a\":[1,]}", false},
            new Object[] {"/* c */{}", false},
            new Object[] {"// c\n{}", false},
            new Object[] {"# c\n{}", false},
            new Object[] {"{\"a\":NaN}", false},
            new Object[] {"{\"a\":01}", false},
            new Object[] {"{\"a\":.5}", false},
            new Object[] {"{\"a\":\"\\x41\"}", false},
            new Object[] {"{\"a\":\"\\u12\"}", false},
            new Object[] {"{\"a\":\"open", false},
            new Object[] {"{\"a\" 1}", false},
            new Object[] {"{\"a\":1:2}", false},
            new Object[] {"{\"a\":\"b\"\"c\"}", false},
            new Object[] {"{\"a\":1}}", false},
            new Object[] {"{{}}", false},
            new Object[] {"[".repeat(500_000), false},
            new Object[] {"{\"a\":".repeat(150_000), false},
            new Object[] {"{\"a\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}", false},
            new Object[] {"{\"a\":\"" + "x".repeat(FieldValue.BODY_LIMIT + 10) + "\"}", false},
            new Object[] {Wire.hex("FE FF 00 7B 00 7D"), false},
            new Object[] {Wire.hex("FF FE 7B 00 7D 00"), false},
            new Object[] {Wire.hex("00 00 00 7B 00 00 00 7D"), false},
            new Object[] {Wire.hex("1F 8B 08 00 00 00 00 00 00 03"), false},
            new Object[] {Wire.hex("00 00 00"), false},
            new Object[] {"{\"a\":\"" + Wire.hex("C0 80") + "\"}", false},
            new Object[] {"{\"a\":\"\\u0000\"}", false},
            new Object[] {"{\"\\u0000\":1}", false},
            new Object[] {"{\"a\":1,\"a\":2}", false},
            // Valid JSON objects after all: whether they are accepted is each command's business.
            new Object[] {" ".repeat(900_000) + "{}", true},
            new Object[] {Wire.hex("EF BB BF") + "{}", true},
            new Object[] {"{\"\":\"\"}", true},
            new Object[] {"\t\r\n{}\t\r\n", true});

    private Draft malformed(SplittableRandom random, int number) {
        String body = (String) MALFORMED_BODIES.get(number)[0];
        boolean validJson = (Boolean) MALFORMED_BODIES.get(number)[1];
        Command command = Values.pick(
                random,
                Command.OPEN,
                Command.REPLIES,
                Command.ASSIGN,
                Command.CLOSE,
                Command.PENDING,
                Command.TAGS,
                Command.PRIORITY,
                Command.MERGE);
        Draft draft = new Draft("body:" + number + " on " + command.name().toLowerCase(Locale.ROOT));
        draft.method = "POST";
        draft.caller = random.nextInt(8) == 0 ? anyone(random) : worker(random);
        draft.target = command.path(ticket(random));
        draft.json(body);
        if (random.nextInt(5) == 0) {
            draft.framing = Framing.CHUNKED;
        }
        expectCommand(draft, command, true);
        if (!validJson) {
            draft.refused("the body is not one JSON object of UTF-8 text within the limits");
        }
        return draft;
    }

    // ---------------------------------------------------------------------------------------------- queries

    /** The kinds of hostile query parameter; most are sent properly percent-encoded, some not. */
    enum QueryValue {
        VALID,
        INJECTION,
        CONTROL,
        ODD_BUT_ALLOWED,
        NUMBER_EDGE,
        LONG,
        OVER_LINE_LIMIT,
        EMPTY,
        NAME_ONLY,
        REPEATED,
        BAD_ESCAPE,
        INVALID_UTF8_ESCAPE,
        DOUBLE_ENCODED,
        RAW,
        RAW_INVALID_UTF8,
        RAW_CONTROL,
        PLUS_FOR_SPACE,
        NAME_CONTROL,
        NAME_INJECTION,
        SEMICOLON,
        MANY_PARAMETERS
    }

    private static final List<String> NUMBER_EDGES = List.of(
            "-1",
            "0",
            "1",
            "200",
            "201",
            "2147483647",
            "2147483648",
            "99999999999999999999",
            "9223372036854775807",
            "1e3",
            "0x10",
            " 5",
            "+5",
            "\u0665",
            "\uFF11",
            "5.0",
            "007",
            "",
            "-0",
            "1 2",
            "\u00A05");

    private Draft query(SplittableRandom random, String parameter, QueryValue kind, boolean detail) {
        Draft draft = new Draft("query:" + parameter + ":"
                + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        draft.caller = random.nextInt(8) == 0 ? anyone(random) : reader(random);
        QueryModel model = new QueryModel();
        List<String> parts = new ArrayList<>();
        if (!detail && !parameter.equals("size")) {
            parts.add("size=5");
            model.add("size", "5");
        }
        String value = switch (kind) {
            case VALID -> validParameter(random, parameter);
            case INJECTION, RAW, PLUS_FOR_SPACE, DOUBLE_ENCODED, SEMICOLON -> Values.injection(random);
            case CONTROL -> "a" + Values.pick(random, Values.REFUSED_CONTROLS) + "b";
            case ODD_BUT_ALLOWED -> "a" + Values.pick(random, Values.ODD_BUT_ALLOWED) + "b";
            case NUMBER_EDGE -> Values.pick(random, NUMBER_EDGES);
            case LONG -> "long".repeat(400);
            case OVER_LINE_LIMIT -> "x".repeat(9_000);
            default -> "";
        };
        String name = Wire.encoded(parameter);
        switch (kind) {
            case VALID, INJECTION, CONTROL, ODD_BUT_ALLOWED, NUMBER_EDGE, LONG, OVER_LINE_LIMIT, EMPTY -> {
                parts.add(name + "=" + Wire.encoded(value));
                model.add(parameter, value);
            }
            case NAME_ONLY -> {
                parts.add(name);
                model.add(parameter, "");
            }
            case REPEATED -> {
                String first = validParameter(random, parameter);
                parts.add(name + "=" + Wire.encoded(first));
                parts.add(name + "=" + Wire.encoded(Values.injection(random)));
                model.inexact();
            }
            case BAD_ESCAPE -> {
                parts.add(name + "=" + Values.pick(random, "a%zz", "%", "%4", "%%41", "%g0", "ab%4", "%u0041"));
                draft.refused("a malformed percent-escape");
            }
            case INVALID_UTF8_ESCAPE -> {
                parts.add(name + "=" + Wire.percent(Values.pick(random, Values.INVALID_UTF8))
                        + Values.pick(random, "", "x"));
                draft.refused("percent-escapes that are not UTF-8");
            }
            case DOUBLE_ENCODED -> {
                String once = Wire.encoded(value);
                parts.add(name + "=" + Wire.percent(once));
                model.add(parameter, once);
            }
            case RAW -> {
                parts.add(name + "=" + Wire.utf8(value));
                model.inexact();
                if (QueryModel.textProblem(value)) {
                    draft.refused("a control character in the request line");
                }
            }
            case RAW_INVALID_UTF8 -> {
                parts.add(name + "=a" + Values.pick(random, Values.INVALID_UTF8));
                model.inexact();
            }
            case RAW_CONTROL -> {
                parts.add(name + "=a" + Values.pick(random, '\u0000', '\u0001', '\u001B', '\u007F', '\t') + "b");
                model.inexact();
                draft.refused("a control character in the request line");
            }
            case PLUS_FOR_SPACE -> {
                parts.add(name + "=" + Wire.encoded(value).replace("%20", "+"));
                model.add(parameter, value);
            }
            case NAME_CONTROL -> {
                parts.add(
                        Wire.encoded(parameter.substring(0, 1)) + "%00" + Wire.encoded(parameter.substring(1)) + "=1");
                draft.refused("a control character in a parameter name");
            }
            case NAME_INJECTION -> {
                String injected = Values.injection(random);
                parts.add(Wire.encoded(injected) + "=1");
                model.add(injected, "1");
                String valid = validParameter(random, parameter);
                parts.add(name + "=" + Wire.encoded(valid));
                model.add(parameter, valid);
            }
            case MANY_PARAMETERS -> {
                for (int i = 0; i < 1_500; i++) {
                    parts.add("a=" + i % 10);
                }
                parts.add(name + "=" + Wire.encoded(validParameter(random, parameter)));
                model.inexact();
            }
            case SEMICOLON -> {
                parts.add(name + "=" + Wire.encoded(validParameter(random, parameter)) + ";" + Wire.encoded(value)
                        + "=1");
                model.inexact();
            }
        }
        if (detail) {
            draft.target = "/api/tickets/" + ticket(random) + "?" + String.join("&", parts);
        } else {
            draft.target = "/api/tickets?" + String.join("&", parts);
        }
        if (kind == QueryValue.OVER_LINE_LIMIT) {
            draft.refused("a request line longer than the header limit");
        }
        if (model.exact()) {
            String refusal = model.refusal(detail);
            if (refusal != null) {
                draft.refused(refusal);
            } else if (!detail || model.waitsFor() <= 1) {
                // Every fixture ticket is at version 1 or more in the read model before the run starts.
                draft.succeeds("a valid query");
            }
        }
        if (detail) {
            draft.waitsFor = model.waitsFor();
        }
        return draft;
    }

    private static String validParameter(SplittableRandom random, String parameter) {
        return switch (parameter) {
            case "status" -> Values.pick(random, "NEW", "OPEN,PENDING", "RESOLVED", "NEW,OPEN,PENDING,RESOLVED,CLOSED");
            case "assignee" -> Values.pick(random, "me", "none", "alice", "bob");
            case "group" -> Values.pick(random, "tier1", "tier2");
            case "priority" -> Values.pick(random, "HIGH,URGENT", "LOW", "NORMAL");
            case "channel" -> Values.pick(random, "EMAIL", "PHONE,WEB", "API");
            case "tag" -> Values.pick(random, "billing", "vip");
            case "q" -> Values.pick(random, "printer", "Zahlung", "fixture", "\uD83D\uDE00");
            case "sla" -> Values.pick(random, "AT_RISK", "BREACHED", "AT_RISK,BREACHED");
            case "sort" -> Values.pick(random, "dueAt", "-updatedAt", "-priority");
            case "page" -> Values.pick(random, "0", "1", "3");
            case "size" -> Values.pick(random, "1", "20", "200");
            case "minVersion" -> "1";
            default -> "x";
        };
    }

    // ---------------------------------------------------------------------------------------------- roles

    /** The endpoints every caller is tried on. */
    enum RoleProbe {
        OPEN,
        REPLY,
        ESCALATE,
        QUEUE,
        DETAIL,
        HISTORY,
        USERS,
        SLA_BREACH
    }

    private Draft role(SplittableRandom random, Caller caller, RoleProbe probe) {
        Draft draft = new Draft("role:" + probe.name().toLowerCase(Locale.ROOT) + " as " + caller.label());
        draft.caller = caller;
        String ticket = ticket(random);
        switch (probe) {
            case OPEN, REPLY, ESCALATE, SLA_BREACH -> {
                Command command = switch (probe) {
                    case OPEN -> Command.OPEN;
                    case REPLY -> Command.REPLIES;
                    case ESCALATE -> Command.ESCALATE;
                    default -> Command.SLA_BREACH;
                };
                draft.method = "POST";
                draft.target = command.path(ticket);
                Json.Obj body = command.validBody(random, fixture.tickets(), ticket);
                if (command == Command.REPLIES) {
                    body.put("visibility", "INTERNAL");
                }
                draft.json(body);
                expectCommand(draft, command, true);
                if (command == Command.OPEN) {
                    draft.succeeds("a valid open by a role that may open");
                }
            }
            case QUEUE -> {
                draft.target = "/api/tickets?size=3";
                draft.succeeds("every role reads the queue");
            }
            case DETAIL -> {
                draft.target = "/api/tickets/" + ticket;
                draft.succeeds("every role reads a ticket");
            }
            case HISTORY -> {
                draft.target = "/api/tickets/" + ticket + "/history";
                draft.succeeds("every role reads a ticket's history");
            }
            case USERS -> {
                draft.target = "/api/users";
                draft.succeeds("any signed-in user lists the users");
            }
        }
        return draft;
    }

    // ---------------------------------------------------------------------------------------------- valid requests

    private Draft validOpen(SplittableRandom random) {
        Draft draft = new Draft("valid:open");
        draft.method = "POST";
        draft.caller = worker(random);
        draft.target = "/api/tickets";
        draft.json(Command.OPEN.validBody(random, fixture.tickets(), null));
        if (random.nextInt(4) == 0) {
            draft.headers.add("Idempotency-Key: " + Values.pick(random, "k-", "key/with/slashes-", "' OR 1=1 -- ")
                    + Long.toHexString(random.nextLong()));
        }
        draft.succeeds("a valid open");
        return draft;
    }

    private Draft validCommand(SplittableRandom random) {
        // Merging and closing end a ticket's life: rarer than the rest, so that the fixture stays workable.
        Command command;
        do {
            command = Values.pick(
                    random,
                    Command.ASSIGN,
                    Command.REPLIES,
                    Command.REPLIES,
                    Command.CUSTOMER_MESSAGES,
                    Command.PRIORITY,
                    Command.PENDING,
                    Command.RESUME,
                    Command.RESOLVE,
                    Command.REOPEN,
                    Command.TAGS,
                    Command.TAGS,
                    Command.ESCALATE,
                    Command.CLOSE,
                    Command.MERGE);
        } while ((command == Command.MERGE || command == Command.CLOSE) && random.nextInt(5) > 0);
        Draft draft = new Draft("valid:" + command.name().toLowerCase(Locale.ROOT));
        draft.method = "POST";
        draft.caller =
                command == Command.ESCALATE ? Caller.person(Values.pick(random, "sam", "admin")) : worker(random);
        String ticket = ticket(random);
        draft.target = command.path(ticket);
        draft.json(command.validBody(random, fixture.tickets(), ticket));
        return draft;
    }

    private Draft validRead(SplittableRandom random) {
        Draft draft = new Draft("valid:read");
        draft.caller = reader(random);
        String ticket = ticket(random);
        draft.target = switch (random.nextInt(6)) {
            case 0 -> "/api/tickets/" + ticket;
            case 1 -> "/api/tickets/" + ticket + "?minVersion=1";
            case 2 -> "/api/tickets/" + ticket + "/history";
            case 3 -> "/api/users";
            default ->
                "/api/tickets?size=" + (1 + random.nextInt(50)) + "&q=" + Wire.encoded(validParameter(random, "q"))
                        + "&sort=" + Wire.encoded(validParameter(random, "sort"));
        };
        draft.succeeds("a valid read");
        return draft;
    }

    // ---------------------------------------------------------------------------------------------- correlation ids

    static final int CORRELATION_CASES = 14;

    /** A hostile X-Correlation-Id; the answer's echo (or the server's own id) is what events would carry. */
    private Draft correlation(SplittableRandom random, int number) {
        Draft draft = switch (random.nextInt(3)) {
            case 0 -> validOpen(random);
            case 1 -> validCommand(random);
            default -> validRead(random);
        };
        String ours = "X-Correlation-Id: " + correlationId(seed, 1_000_000_000 + random.nextInt(1_000_000));
        String hostile = switch (number) {
            case 0 -> "X-Correlation-Id:";
            case 1 -> "X-Correlation-Id:    ";
            case 2 -> "X-Correlation-Id: " + "c".repeat(101);
            case 3 -> "X-Correlation-Id: " + "c".repeat(6_000);
            case 4 -> "X-Correlation-Id: <script>alert(1)</script>";
            case 5 -> "X-Correlation-Id: ../../../etc/passwd";
            case 6 -> "X-Correlation-Id: ' OR 1=1 --";
            case 7 -> "X-Correlation-Id: ${jndi:ldap://127.0.0.1:1389/a}";
            case 8 -> "X-Correlation-Id: " + Wire.utf8("caf\u00E9-\uD83D\uDE00");
            case 9 -> "X-Correlation-Id: a" + Wire.hex("C0 80") + "b";
            case 10 -> "X-Correlation-Id: a\u0001b";
            case 11 -> "X-Correlation-Id: " + padded(correlationId(seed, 2_000_000_000 - random.nextInt(1_000_000)));
            case 12 -> ours;
            default -> "X-Correlation-Id: %00%0d%0a";
        };
        draft.kind = "correlation:" + number + " " + draft.kind;
        // Case 11 is valid at the longest length; 12 and 13 send a valid id and garbage, in either order.
        draft.correlationLines = switch (number) {
            case 12 -> List.of(ours, "X-Correlation-Id: garbage value");
            case 13 -> List.of("X-Correlation-Id: garbage value", ours);
            default -> List.of(hostile);
        };
        if (number == 10) {
            draft.refused("a control character in a header");
        } else if (draft.expect.outcome() == HostileRequest.Outcome.SUCCESS) {
            draft.expect = HostileRequest.Expectation.ANY;
        }
        return draft;
    }

    /** A GET of the queue by alice with exactly this request line, for probes outside the generated run. */
    public static HostileRequest probe(long seed, int index, String kind, String target, String version) {
        Draft draft = new Draft(kind);
        draft.caller = Caller.person("alice");
        draft.target = target;
        draft.version = version;
        return draft.build(index, correlationId(seed, index));
    }

    /** A valid correlation id made exactly as long as the platform accepts (100 characters). */
    private static String padded(String id) {
        return (id + "-" + "p".repeat(100)).substring(0, 100);
    }

    Fixture fixture() {
        return fixture;
    }
}
