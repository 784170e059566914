package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** An internal note was added to the conversation; the customer never sees it. */
@Revision("1")
public record InternalNoteAddedEvent(String ticketId, String body) {}
