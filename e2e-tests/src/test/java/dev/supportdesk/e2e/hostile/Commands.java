package dev.supportdesk.e2e.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The command endpoints of the contract (API.md), their body fields, and a valid body for each. */
final class Commands {

    private Commands() {}

    /** What a field holds, which decides which hostile values must be refused in it. */
    enum Kind {
        TEXT,
        EMAIL,
        ENUM,
        USER,
        GROUP,
        TICKET,
        INSTANT,
        LIST,
        OBJECT,
        UNKNOWN
    }

    /**
     * @param path     {@code subject}, {@code requester.name}, {@code tags[0]} (an element of a list)
     * @param required refused when missing, null or blank
     * @param max      the longest accepted text, 0 when not text
     */
    record Field(String path, Kind kind, boolean required, int max) {

        boolean element() {
            return path.endsWith("[0]");
        }

        boolean known() {
            return kind != Kind.UNKNOWN;
        }
    }

    /** Who may send it, as the roles table of API.md says. */
    enum Who {
        WORK,
        SUPERVISE,
        SYSTEM
    }

    /** A field no command knows: ignored when read, but checked like every other. */
    static final Field UNKNOWN = new Field("note", Kind.UNKNOWN, false, 0);

    enum Command {
        OPEN(
                "",
                Who.WORK,
                List.of(
                        new Field("subject", Kind.TEXT, true, 200),
                        new Field("description", Kind.TEXT, false, 20_000),
                        new Field("channel", Kind.ENUM, true, 0),
                        new Field("priority", Kind.ENUM, false, 0),
                        new Field("requester", Kind.OBJECT, true, 0),
                        new Field("requester.name", Kind.TEXT, true, 200),
                        new Field("requester.email", Kind.EMAIL, false, 320),
                        new Field("requester.phone", Kind.TEXT, false, 50),
                        new Field("customerTier", Kind.ENUM, false, 0),
                        new Field("tags", Kind.LIST, false, 0),
                        new Field("tags[0]", Kind.TEXT, true, 50))),
        ASSIGN(
                "assign",
                Who.WORK,
                List.of(new Field("assignee", Kind.USER, false, 64), new Field("group", Kind.GROUP, false, 64))),
        REPLIES(
                "replies",
                Who.WORK,
                List.of(new Field("body", Kind.TEXT, true, 20_000), new Field("visibility", Kind.ENUM, true, 0))),
        CUSTOMER_MESSAGES("customer-messages", Who.WORK, List.of(new Field("body", Kind.TEXT, true, 20_000))),
        PRIORITY(
                "priority",
                Who.WORK,
                List.of(new Field("priority", Kind.ENUM, true, 0), new Field("reason", Kind.TEXT, false, 2_000))),
        PENDING("pending", Who.WORK, List.of(new Field("reason", Kind.TEXT, false, 2_000))),
        RESUME("resume", Who.WORK, List.of(new Field("reason", Kind.TEXT, false, 2_000))),
        RESOLVE("resolve", Who.WORK, List.of(new Field("resolution", Kind.TEXT, true, 20_000))),
        REOPEN("reopen", Who.WORK, List.of(new Field("reason", Kind.TEXT, true, 2_000))),
        CLOSE("close", Who.WORK, List.of()),
        TAGS(
                "tags",
                Who.WORK,
                List.of(
                        new Field("add", Kind.LIST, false, 0),
                        new Field("add[0]", Kind.TEXT, true, 50),
                        new Field("remove", Kind.LIST, false, 0),
                        new Field("remove[0]", Kind.TEXT, true, 50))),
        ESCALATE("escalate", Who.SUPERVISE, List.of(new Field("reason", Kind.TEXT, true, 2_000))),
        MERGE("merge", Who.WORK, List.of(new Field("into", Kind.TICKET, true, 40))),
        // ticket-command's endpoints for sla-monitor's account (role SYSTEM): nobody else may use them.
        SLA_WARNING(
                "sla/warnings",
                Who.SYSTEM,
                List.of(new Field("metric", Kind.ENUM, true, 0), new Field("warnAt", Kind.INSTANT, true, 0))),
        SLA_BREACH(
                "sla/breaches",
                Who.SYSTEM,
                List.of(new Field("metric", Kind.ENUM, true, 0), new Field("dueAt", Kind.INSTANT, true, 0)));

        final String action;
        final Who who;
        final List<Field> fields;

        Command(String action, Who who, List<Field> fields) {
            this.action = action;
            this.who = who;
            this.fields = fields;
        }

        String path(String ticketPathSegment) {
            return this == OPEN ? "/api/tickets" : "/api/tickets/" + ticketPathSegment + "/" + action;
        }

        /** Every field, and one the command does not know. */
        List<Field> fieldsAndUnknown() {
            List<Field> all = new ArrayList<>(fields);
            all.add(UNKNOWN);
            return all;
        }

        /** Whether the caller's role may send it at all. */
        boolean allows(Caller caller) {
            return switch (who) {
                case WORK -> caller.works();
                case SUPERVISE -> caller.supervises();
                case SYSTEM -> false;
            };
        }

        /** A body the command accepts (whether the ticket's state allows the command is another matter). */
        Json.Obj validBody(SplittableRandom random, List<String> tickets, String self) {
            Json.Obj body = Json.obj();
            switch (this) {
                case OPEN -> {
                    body.put("subject", Values.text(random, 200));
                    if (random.nextBoolean()) {
                        body.put("description", Values.text(random, 20_000));
                    }
                    body.put("channel", Values.pick(random, "PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"));
                    if (random.nextInt(4) > 0) {
                        // URGENT is rare: its 2 s target in these tests makes sla-monitor act on it.
                        body.put(
                                "priority",
                                random.nextInt(20) == 0 ? "URGENT" : Values.pick(random, "LOW", "NORMAL", "HIGH"));
                    }
                    Json.Obj requester = Json.obj()
                            .put(
                                    "name",
                                    Values.pick(
                                            random,
                                            "Carla Customer",
                                            "Jos\u00E9 N\u00FA\u00F1ez",
                                            "\u674E\u96F7",
                                            "O'Brien; DROP TABLE x",
                                            "<b>Bold</b> Person"));
                    if (random.nextBoolean()) {
                        requester.put("email", "customer" + random.nextInt(10_000) + "@example.com");
                    }
                    if (random.nextBoolean()) {
                        requester.put("phone", "+41 44 " + (100 + random.nextInt(900)) + " 00 00");
                    }
                    body.put("requester", requester);
                    if (random.nextBoolean()) {
                        body.put("customerTier", Values.pick(random, "STANDARD", "PREMIUM"));
                    }
                    if (random.nextBoolean()) {
                        body.put("tags", tags(random));
                    }
                }
                case ASSIGN -> {
                    int choice = random.nextInt(3);
                    if (choice != 1) {
                        body.put("assignee", Values.pick(random, "alice", "bob", "tina", "sam"));
                    }
                    if (choice != 0) {
                        body.put("group", Values.pick(random, "tier1", "tier2"));
                    }
                }
                case REPLIES ->
                    body.put("body", Values.text(random, 20_000))
                            .put("visibility", Values.pick(random, "PUBLIC", "INTERNAL"));
                case CUSTOMER_MESSAGES -> body.put("body", Values.text(random, 20_000));
                case PRIORITY -> {
                    body.put("priority", Values.pick(random, "LOW", "NORMAL", "HIGH"));
                    if (random.nextBoolean()) {
                        body.put("reason", Values.text(random, 2_000));
                    }
                }
                case PENDING, RESUME -> {
                    if (random.nextBoolean()) {
                        body.put("reason", Values.text(random, 2_000));
                    }
                }
                case RESOLVE -> body.put("resolution", Values.text(random, 20_000));
                case REOPEN, ESCALATE -> body.put("reason", Values.text(random, 2_000));
                case CLOSE -> {
                    // {}
                }
                case TAGS -> {
                    if (random.nextBoolean()) {
                        body.put("add", tags(random));
                    } else {
                        body.put("remove", tags(random));
                    }
                }
                case MERGE -> {
                    String into = tickets.get(random.nextInt(tickets.size()));
                    body.put(
                            "into",
                            into.equals(self) ? tickets.get((tickets.indexOf(into) + 1) % tickets.size()) : into);
                }
                case SLA_WARNING -> body.put("metric", "FIRST_RESPONSE").put("warnAt", "2026-01-01T00:00:00Z");
                case SLA_BREACH -> body.put("metric", "RESOLUTION").put("dueAt", "2026-01-01T00:00:00Z");
                default -> throw new IllegalStateException(name());
            }
            return body;
        }

        private static List<Object> tags(SplittableRandom random) {
            List<Object> tags = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                tags.add(Values.pick(
                        random,
                        "billing",
                        "vip",
                        "printer",
                        "l\u00E4uft",
                        "\uD83D\uDE00",
                        "tag-" + random.nextInt(50),
                        "' OR 1=1 --",
                        "<b>x</b>"));
            }
            return tags;
        }
    }

    /**
     * Puts the value at the field's place in the body, creating the object or list on the way (a list
     * field {@code tags[0]} becomes the list's first element).
     */
    @SuppressWarnings("unchecked")
    static void set(Json.Obj body, Field field, Object value) {
        String path = field.path();
        Json.Obj parent = body;
        int dot = path.indexOf('.');
        if (dot > 0) {
            String outer = path.substring(0, dot);
            if (!(body.get(outer) instanceof Json.Obj)) {
                body.put(outer, Json.obj().put("name", "Carla Customer"));
            }
            parent = (Json.Obj) body.get(outer);
            path = path.substring(dot + 1);
        }
        if (path.endsWith("[0]")) {
            String list = path.substring(0, path.length() - 3);
            List<Object> elements = parent.get(list) instanceof List<?> existing
                    ? new ArrayList<>((List<Object>) existing)
                    : new ArrayList<>();
            if (elements.isEmpty()) {
                elements.add(value);
            } else {
                elements.set(0, value);
            }
            parent.put(list, elements);
        } else {
            parent.put(path, value);
        }
    }

    /** The object that holds the field: the body, or the nested object for {@code requester.name}. */
    static Json.Obj holder(Json.Obj body, Field field) {
        int dot = field.path().indexOf('.');
        if (dot < 0) {
            return body;
        }
        String outer = field.path().substring(0, dot);
        if (!(body.get(outer) instanceof Json.Obj)) {
            body.put(outer, Json.obj().put("name", "Carla Customer"));
        }
        return (Json.Obj) body.get(outer);
    }

    static String leaf(Field field) {
        int dot = field.path().indexOf('.');
        return dot < 0 ? field.path() : field.path().substring(dot + 1);
    }
}
