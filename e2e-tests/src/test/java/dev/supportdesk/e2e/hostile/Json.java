package dev.supportdesk.e2e.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON writer that produces wire strings and lets any member be a raw fragment spliced in unchecked:
 * the way a hostile value (invalid UTF-8, a raw control byte, half a token) gets into an otherwise
 * well-formed body. Objects keep their members in order and may repeat a key on purpose.
 */
final class Json {

    private Json() {}

    /** Bytes written into the body exactly as given. */
    record Raw(String wire) {}

    /** A JSON object under construction; {@link #put} replaces, {@link #add} appends even a repeated key. */
    static final class Obj {
        private final List<Object[]> members = new ArrayList<>();

        Obj put(String key, Object value) {
            for (Object[] member : members) {
                if (member[0].equals(key)) {
                    member[1] = value;
                    return this;
                }
            }
            members.add(new Object[] {key, value});
            return this;
        }

        /** Appends the member, even if the key is there already. The key may be a {@link Raw}. */
        Obj add(Object key, Object value) {
            members.add(new Object[] {key, value});
            return this;
        }

        Object get(String key) {
            for (Object[] member : members) {
                if (member[0].equals(key)) {
                    return member[1];
                }
            }
            return null;
        }

        boolean has(String key) {
            return members.stream().anyMatch(member -> member[0].equals(key));
        }

        /** Renames a member in place, keeping its value; the new key may be a {@link Raw}. */
        void rename(String key, Object newKey) {
            for (Object[] member : members) {
                if (member[0].equals(key)) {
                    member[0] = newKey;
                }
            }
        }
    }

    static Obj obj() {
        return new Obj();
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.wire());
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object key = obj.members.get(i)[0];
                if (key instanceof Raw raw) {
                    out.append(raw.wire());
                } else {
                    string((String) key, out);
                }
                out.append(':');
                write(obj.members.get(i)[1], out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("use Json.Obj, which keeps order and repeated keys");
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    /** A JSON string of the text: quotes, backslashes and control characters escaped, the rest as UTF-8. */
    static void string(String text, StringBuilder out) {
        out.append('"');
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c) && !pairedAt(text, i)) {
                out.append(Wire.utf8(plain.toString()));
                plain.setLength(0);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                plain.append(c);
            }
        }
        out.append(Wire.utf8(plain.toString()));
        out.append('"');
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        string(text, out);
        return out.toString();
    }
}
