package dev.supportdesk.model.view;

import java.time.Instant;

/** A reply, note or customer message; {@code version} is the version of the event that added it. */
public record ConversationEntry(long version, ConversationKind kind, String author, Instant at, String body) {}
