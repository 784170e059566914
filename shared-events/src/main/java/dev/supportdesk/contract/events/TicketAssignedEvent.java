package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/**
 * The ticket was given to an agent and/or a group (null: unchanged); a NEW ticket becomes OPEN.
 *
 * @param assigneeCleared true when the ticket no longer has an assignee (an escalation gave it to a group);
 *     null or false on every other assignment
 */
@Revision("1")
public record TicketAssignedEvent(String ticketId, String assignee, String group, Boolean assigneeCleared) {

    public TicketAssignedEvent(String ticketId, String assignee, String group) {
        this(ticketId, assignee, group, null);
    }

    /** Whether the assignee was cleared. */
    public boolean clearsAssignee() {
        return Boolean.TRUE.equals(assigneeCleared);
    }
}
