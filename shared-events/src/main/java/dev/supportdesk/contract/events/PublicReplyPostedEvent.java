package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** An agent answered the customer; the author is the event's actor. Stops the response clocks. */
@Revision("1")
public record PublicReplyPostedEvent(String ticketId, String body) {}
