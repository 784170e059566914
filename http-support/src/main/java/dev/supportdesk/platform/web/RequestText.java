package dev.supportdesk.platform.web;

/**
 * The text a request may carry anywhere (JSON strings and keys, query parameters, path segments): any
 * Unicode text except C0 control characters other than TAB, LF and CR, and unpaired surrogates.
 * PostgreSQL cannot store U+0000 in text at all, and no person types the others; a refused character
 * is cheaper at the door than in an event that every projection must then carry forever.
 */
public final class RequestText {

    private RequestText() {}

    /** Why the text is refused, or null when it is acceptable. */
    public static String problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "contains the control character " + codePoint(c) + ", which is not allowed";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate " + codePoint(c) + ", which is not text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate " + codePoint(c) + ", which is not text";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
