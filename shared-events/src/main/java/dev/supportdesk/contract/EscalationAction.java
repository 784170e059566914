package dev.supportdesk.contract;

/** What one step of a policy's escalation ladder does when its clock passes the step's stage. */
public enum EscalationAction {
    /** One priority level up; URGENT stays URGENT. */
    RAISE_PRIORITY,
    /** A webhook to the supervisors of the ticket's group, sent by sla-monitor and recorded on the ticket. */
    NOTIFY_SUPERVISOR,
    /** The step's group takes the ticket; the assignee is cleared. */
    REASSIGN_TO_GROUP
}
