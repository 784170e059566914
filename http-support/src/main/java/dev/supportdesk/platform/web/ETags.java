package dev.supportdesk.platform.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * The platform's one form of a ticket version as an entity tag, {@code ETag: "<version>"} (docs/api.md), and the
 * two ways a client sends it back: {@code If-Match} on a command, {@code If-None-Match} on a read.
 */
public final class ETags {

    private static final Pattern IF_MATCH_VERSION = Pattern.compile("^\\s*(?:W/)?\"?([0-9]{1,18})\"?\\s*$");

    private ETags() {}

    /** The entity tag of a version: the number in double quotes. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header expects, or null when it sets no precondition (absent, blank or
     * {@code *}). {@code W/"3"} and a bare {@code 3} are read as {@code "3"}; anything else is a 400 naming the
     * header, never silently ignored.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = IF_MATCH_VERSION.matcher(ifMatch);
        if (!matcher.matches()) {
            throw ApiProblem.badRequest(HttpHeaders.IF_MATCH, "must be a ticket version in quotes, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Whether an {@code If-None-Match} header lists this version's entity tag exactly (a 304 then). */
    public static boolean listed(String ifNoneMatch, long version) {
        return ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(of(version));
    }
}
