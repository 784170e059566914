package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ApiProblem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code If-Match: "<version>"}; a malformed header is a 400, never silently ignored. */
final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("^\\s*(?:W/)?\"?([0-9]{1,18})\"?\\s*$");

    private IfMatch() {
    }

    /** The expected version, or null when there is no precondition (no header, or {@code *}). */
    static Long parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header);
        if (!matcher.matches()) {
            throw ApiProblem.badRequest("If-Match", "must be a ticket version in quotes, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
