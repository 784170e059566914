package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The ticket was given to an agent and/or a group (null: unchanged); a NEW ticket becomes OPEN. */
@Revision("1")
public record TicketAssignedEvent(String ticketId, String assignee, String group) {}
