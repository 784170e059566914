package dev.supportdesk.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A request body that is well-formed JSON but breaks one of the platform's reading rules at a known place. */
class RefusedJsonException extends JsonParseException {

    private final String field;
    private final String reason;

    /**
     * @param field  where, as a path such as {@code requester.name} or {@code tags[0]}; empty for the body itself
     * @param reason what is wrong there
     */
    RefusedJsonException(JsonParser parser, String field, String reason) {
        super(parser, (field.isEmpty() ? "body" : field) + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }
}
