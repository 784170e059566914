package dev.supportdesk.e2e.hostile;

import dev.supportdesk.e2e.hostile.Commands.Field;
import dev.supportdesk.e2e.hostile.Commands.Kind;
import java.util.SplittableRandom;

/**
 * The kinds of hostile value put into one field of a command body, and which of them the platform must
 * refuse in which kind of field (architecture.md, "Errors, strict input": strict JSON, text PostgreSQL can
 * store, the limits of TicketRequests).
 */
enum FieldValue {
    INJECTION,
    CONTROL_ESCAPED,
    CONTROL_RAW,
    ODD_BUT_ALLOWED,
    INVALID_UTF8,
    LONE_SURROGATE,
    OVER_MAX,
    HUGE_WITHIN_LIMIT,
    HUGE_OVER_LIMIT,
    HUGE_NUMBER,
    BAD_NUMBER,
    WRONG_TYPE,
    LONG_LIST,
    NULL,
    EMPTY,
    BLANK,
    DEEP,
    DUPLICATE_KEY,
    KEY_CONTROL,
    KEY_INJECTION;

    /** 1 MiB, the body limit of every port. */
    static final int BODY_LIMIT = 1024 * 1024;

    boolean appliesTo(Field field) {
        if (field.element()) {
            return this != DUPLICATE_KEY && this != KEY_CONTROL && this != KEY_INJECTION;
        }
        return true;
    }

    /** Refused in any field, read or ignored: not JSON, not text, too deep, too big, a repeated key. */
    boolean alwaysRefused() {
        return switch (this) {
            case CONTROL_ESCAPED,
                    CONTROL_RAW,
                    INVALID_UTF8,
                    LONE_SURROGATE,
                    HUGE_OVER_LIMIT,
                    BAD_NUMBER,
                    DEEP,
                    DUPLICATE_KEY,
                    KEY_CONTROL -> true;
            default -> false;
        };
    }

    /** Why the platform must refuse this value in that field, or null when it may accept it. */
    String refusal(Field field) {
        if (alwaysRefused()) {
            return "the body holds " + describe();
        }
        if (!field.known()) {
            return null;
        }
        Kind kind = field.kind();
        boolean text = kind == Kind.TEXT || kind == Kind.EMAIL;
        return switch (this) {
            case INJECTION, ODD_BUT_ALLOWED -> text ? null : field.path() + " is not free text";
            // No list takes more than 20 items, and a list is the wrong type everywhere else.
            case OVER_MAX, HUGE_WITHIN_LIMIT, HUGE_NUMBER, WRONG_TYPE, LONG_LIST ->
                field.path() + " gets " + describe();
            case NULL -> field.required() ? field.path() + " is required" : null;
            // An assignee or group, when given, must name one; a required field may not be blank.
            case EMPTY, BLANK ->
                field.required() || kind == Kind.USER || kind == Kind.GROUP
                        ? field.path() + " gets " + describe() + " text"
                        : null;
            case KEY_INJECTION -> field.required() ? field.path() + " is required" : null;
            default -> throw new IllegalStateException(name());
        };
    }

    String describe() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The raw JSON value (wire string) for the field; DUPLICATE_KEY and the KEY_ values are the valid value's replacement. */
    String fragment(SplittableRandom random, Field field) {
        return switch (this) {
            case INJECTION -> Json.quoted(Values.injection(random));
            case CONTROL_ESCAPED -> Json.quoted("a" + Values.pick(random, Values.REFUSED_CONTROLS) + "b");
            case CONTROL_RAW ->
                "\"a" + Values.pick(random, '\u0000', '\u0001', '\u001B', '\u001F', '\t', '\n', '\r') + "b\"";
            case ODD_BUT_ALLOWED -> Json.quoted("a" + Values.pick(random, Values.ODD_BUT_ALLOWED) + "b");
            case INVALID_UTF8 -> "\"a" + Values.pick(random, Values.INVALID_UTF8) + "b\"";
            case LONE_SURROGATE -> "\"a" + Values.pick(random, Values.LONE_SURROGATES) + "b\"";
            case OVER_MAX -> Json.quoted("x".repeat(field.max() > 0 ? field.max() + 1 : 5_000));
            case HUGE_WITHIN_LIMIT ->
                random.nextBoolean() ? Json.quoted("y".repeat(900_000)) : Json.quoted("\u00E9".repeat(440_000));
            case HUGE_OVER_LIMIT -> Json.quoted("z".repeat(BODY_LIMIT + 1 + random.nextInt(200_000)));
            case HUGE_NUMBER -> Values.pick(random, Values.HUGE_NUMBERS);
            case BAD_NUMBER -> Values.pick(random, Values.BAD_NUMBERS);
            case WRONG_TYPE -> wrongType(random, field.kind());
            case LONG_LIST -> "[" + "\"t\",".repeat(20 + random.nextInt(2) * 60_000) + "\"t\"]";
            case NULL -> "null";
            case EMPTY -> "\"\"";
            case BLANK -> Json.quoted(Values.pick(random, " ", "   ", "\t", " \n ", "\r\n"));
            case DEEP -> Values.nested(Values.pick(random, 65, 66, 300, 5_000, 100_000), random.nextBoolean());
            case DUPLICATE_KEY, KEY_INJECTION -> Json.quoted(Values.injection(random));
            case KEY_CONTROL -> Json.quoted("x");
        };
    }

    private static String wrongType(SplittableRandom random, Kind kind) {
        return switch (kind) {
            case LIST -> Values.pick(random, "\"billing\"", "true", "12", "{\"0\":\"billing\"}");
            case OBJECT -> Values.pick(random, "\"Carla\"", "true", "12", "[{\"name\":\"Carla\"}]");
            default ->
                Values.pick(
                        random, "true", "false", "12", "0", "-1", "[\"x\"]", "[]", "{}", "{\"value\":\"x\"}", "1.5");
        };
    }

    /** The hostile key the KEY_ values put in place of the field's own. */
    String key(SplittableRandom random, String leaf) {
        return switch (this) {
            case KEY_CONTROL ->
                Json.quoted(leaf.substring(0, 1) + Values.pick(random, Values.REFUSED_CONTROLS) + leaf.substring(1));
            case KEY_INJECTION -> Json.quoted(Values.injection(random));
            default -> throw new IllegalStateException(name());
        };
    }
}
