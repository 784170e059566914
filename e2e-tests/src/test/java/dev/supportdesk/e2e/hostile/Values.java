package dev.supportdesk.e2e.hostile;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The hostile and the harmless values requests are made of. None of them contains a text the answer
 * checks look for ({@link Verdicts#LEAK_MARKERS}): a marker in an answer is never an echo of the request.
 */
final class Values {

    private Values() {}

    /** Text an attacker sends; all of it is valid text that a field may hold (or a filter search for). */
    static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --",
            "' OR '1'='1",
            "\" OR \"\"=\"",
            "admin'--",
            "') OR ('a'='a",
            "1; DROP TABLE domain_event_entry; --",
            "'; DELETE FROM ticket_command.domain_event_entry; --",
            "1' UNION SELECT meta_data, payload FROM domain_event_entry --",
            "'; SELECT pg_sleep(3); --",
            "1 AND SLEEP(5)",
            "%' AND 1=0 UNION SELECT NULL --",
            "\\'; TRUNCATE ticket; --",
            "<script>alert(1)</script>",
            "\"><svg onload=alert(1)>",
            "<img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)",
            "<iframe src=//127.0.0.1>",
            "'\"><b>bold</b>",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "....//....//etc/shadow",
            "/api/../../actuator/env",
            "%00",
            "%2e%2e%2f",
            "%252e%252e%252f",
            "..%c0%af..%c0%af",
            "%0d%0aSet-Cookie:%20x=1",
            "${jndi:ldap://127.0.0.1:1389/a}",
            "${jndi:${lower:l}${lower:d}ap://127.0.0.1/x}",
            "${env:DB_PASSWORD}",
            "${sys:user.home}",
            "#{7*7}",
            "{{7*7}}",
            "<%= 7*7 %>",
            "${7*7}",
            "$(id)",
            "`id`",
            "; cat /etc/passwd",
            "| nc 127.0.0.1 4444",
            "\r\nSet-Cookie: injected=1",
            "\r\n\r\n<html>",
            "alice\r\nX-Admin: true",
            "*)(uid=*))(|(uid=*",
            "{\"$gt\": \"\"}",
            "{\"$where\": \"sleep(100)\"}",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            "%n%n%n%s%s%s",
            "%x%x%x%x",
            "AAAA%08x.%08x",
            "\\u0000",
            "\\x00",
            "\\0",
            "NaN",
            "Infinity",
            "-0",
            "null",
            "undefined",
            "true",
            "0x7fffffff",
            "9223372036854775808",
            "1e309",
            "__proto__",
            "constructor",
            "X-Forwarded-For: 127.0.0.1",
            "\u202Egnp.exe",
            "\uFF33\uFF45\uFF4C\uFF45\uFF43\uFF54",
            "\uD83D\uDE00\uD83D\uDCA5",
            "me",
            "none",
            "sla-monitor",
            "system",
            "SYSTEM",
            "*",
            "%",
            "_",
            "\\",
            "'",
            "\"",
            ",",
            ",OPEN,");

    /** C0 control characters the platform refuses in any text (all but TAB, LF and CR). */
    static final List<Character> REFUSED_CONTROLS =
            List.of('\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u000E', '\u001B', '\u001F');

    /** Odd but acceptable characters: TAB, line breaks, DEL, C1, separators, bidi, BOM, zero width, astral. */
    static final List<String> ODD_BUT_ALLOWED = List.of(
            "\t",
            "\n",
            "\r\n",
            "\u007F",
            "\u0085",
            "\u00A0",
            "\u2028",
            "\u2029",
            "\u202E",
            "\uFEFF",
            "\u200B",
            "\uD83D\uDE00",
            "\uD835\uDD4F",
            "e\u0301",
            "\uFDFA",
            "\u00FF");

    /** Byte sequences that are not UTF-8: overlong forms, surrogates, lone continuation bytes, out of range. */
    static final List<String> INVALID_UTF8 = List.of(
            Wire.hex("C0 80"),
            Wire.hex("C0 AF"),
            Wire.hex("C1 BF"),
            Wire.hex("E0 80 80"),
            Wire.hex("E0 80 AF"),
            Wire.hex("F0 80 80 80"),
            Wire.hex("ED A0 80"),
            Wire.hex("ED BF BF"),
            Wire.hex("ED A0 BD ED B8 80"),
            Wire.hex("80"),
            Wire.hex("BF"),
            Wire.hex("80 80 80"),
            Wire.hex("FE"),
            Wire.hex("FF"),
            Wire.hex("FE FF"),
            Wire.hex("F8 88 80 80 80"),
            Wire.hex("FC 84 80 80 80 80"),
            Wire.hex("F4 90 80 80"),
            Wire.hex("E2 82"),
            Wire.hex("C3"),
            Wire.hex("F0 9F 98"));

    /** JSON escapes of unpaired surrogates: valid JSON, not text. */
    static final List<String> LONE_SURROGATES = List.of("\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\ud83dx");

    /** Well-formed JSON numbers no field of the API takes: huge, tiny, long. */
    static final List<String> HUGE_NUMBERS = List.of(
            "1e999999999",
            "-1e-999999999",
            "123456789012345678901234567890",
            "9".repeat(5_000),
            "1" + "0".repeat(400_000),
            "0." + "0".repeat(10_000) + "1",
            "1E+2147483648",
            "-9223372036854775809",
            "18446744073709551616",
            "-0",
            "0",
            "1.7976931348623157E309",
            "4.9E-325");

    /** Tokens that look like numbers and are not JSON. */
    static final List<String> BAD_NUMBERS = List.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "0x10",
            "01",
            ".5",
            "1.",
            "+1",
            "1e",
            "--1",
            "1_000",
            Wire.utf8("\u0661\u0662"),
            "1.2.3",
            "0b101");

    /** Ordinary text, as people type it, including what looks like an attack but is just text. */
    static String text(SplittableRandom random, int max) {
        String text = switch (random.nextInt(6)) {
            case 0 -> "The printer on floor " + random.nextInt(9) + " is jammed again";
            case 1 -> "Zahlung fehlgeschlagen \u00E4\u00F6\u00FC \u00DF, bitte pr\u00FCfen";
            case 2 -> "Customer says: \"it doesn't work\"\tsince Monday\nsecond line";
            case 3 -> pick(random, INJECTIONS) + " (reported " + random.nextInt(1000) + ")";
            case 4 -> "\u8BF7\u5E2E\u6211 \uD83D\uDE00 \u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD";
            default -> "Line " + random.nextInt(100) + " \u2014 \u00AB\u00A0quoted\u00A0\u00BB";
        };
        return text.length() > max ? text.substring(0, max).trim() : text;
    }

    static String injection(SplittableRandom random) {
        return pick(random, INJECTIONS);
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Nested arrays or objects, {@code depth} levels deep, as a raw JSON value. */
    static String nested(int depth, boolean objects) {
        if (objects) {
            return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
