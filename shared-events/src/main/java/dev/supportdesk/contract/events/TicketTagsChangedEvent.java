package dev.supportdesk.contract.events;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Tags were added to or removed from the ticket; both lists hold only real changes. */
@Revision("1")
public record TicketTagsChangedEvent(String ticketId, List<String> added, List<String> removed) {}
