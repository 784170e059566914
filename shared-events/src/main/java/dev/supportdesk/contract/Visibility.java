package dev.supportdesk.contract;

/** Who sees a reply: PUBLIC goes to the customer and counts as a response, INTERNAL is a note. */
public enum Visibility {
    PUBLIC,
    INTERNAL
}
