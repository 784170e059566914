package dev.supportdesk.ticket.command.ticket;

import java.util.List;

/**
 * The supervisors of a support group, as the user directory names them: whom an escalation's supervisor
 * notification is for. A command handler parameter of the Ticket aggregate, so the domain needs no security code.
 */
@FunctionalInterface
public interface GroupSupervisors {

    /** The group's supervisors; none for an unknown group. */
    List<String> of(String group);
}
