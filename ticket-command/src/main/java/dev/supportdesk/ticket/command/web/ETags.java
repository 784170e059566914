package dev.supportdesk.ticket.command.web;

/** The one way this service writes a ticket version as an entity tag: {@code ETag: "<version>"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }
}
