package dev.supportdesk.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks every token of a request body as it is read, whatever type it is bound to (a record, a map, a
 * tree, a field nobody reads): each string and key is acceptable {@link RequestText}, no object repeats a
 * key, and nesting stays within {@link PlatformJson#MAX_DEPTH}. Values the binding skips pass through
 * {@link #nextToken()} as well, so an ignored field is checked like any other.
 */
final class CheckedTextParser extends JsonParserDelegate {

    private final Deque<Set<String>> keysPerObject = new ArrayDeque<>();
    private int depth;

    CheckedTextParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == null) {
            return null;
        }
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (++depth > PlatformJson.MAX_DEPTH) {
                    throw refused(
                            path(delegate.getParsingContext().getParent()),
                            "is nested deeper than " + PlatformJson.MAX_DEPTH + " levels");
                }
                if (token == JsonToken.START_OBJECT) {
                    keysPerObject.push(new HashSet<>());
                }
            }
            case END_OBJECT, END_ARRAY -> {
                depth--;
                if (token == JsonToken.END_OBJECT) {
                    keysPerObject.pop();
                }
            }
            case FIELD_NAME -> {
                String name = delegate.currentName();
                String problem = RequestText.problem(name);
                if (problem != null) {
                    throw refused(path(delegate.getParsingContext().getParent()), "has a field name that " + problem);
                }
                if (!keysPerObject.peek().add(name)) {
                    throw refused(path(delegate.getParsingContext()), "appears more than once");
                }
            }
            case VALUE_STRING -> {
                String problem = RequestText.problem(delegate.getText());
                if (problem != null) {
                    throw refused(path(delegate.getParsingContext()), problem);
                }
            }
            default -> {
                // numbers, booleans and null carry no text
            }
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    /** Skips through {@link #nextToken()}, not past it: skipped content obeys the same rules. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    private RefusedJsonException refused(String field, String reason) {
        return new RefusedJsonException(this, field, reason);
    }

    /** {@code requester.name}, {@code tags[0]}: the place a token belongs to, as the problem answer names it. */
    static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                path.insert(0, (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return path.toString();
    }
}
