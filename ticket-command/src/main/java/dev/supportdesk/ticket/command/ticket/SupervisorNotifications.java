package dev.supportdesk.ticket.command.ticket;

import java.util.HashMap;
import java.util.Map;

/**
 * The supervisor notifications a ticket asked for and what became of them, so that sla-monitor's reports are
 * recorded once each. A delivery is final; a failure is recorded once and a later delivery still counts (the
 * webhook recovered while sla-monitor kept retrying).
 */
final class SupervisorNotifications {

    private enum Outcome {
        REQUESTED,
        FAILED,
        DELIVERED
    }

    private final Map<String, Outcome> outcomes = new HashMap<>();

    /** Whether a delivery report is news; refused when the ticket never asked for that notification. */
    boolean recordsDelivery(String ticketId, String notificationId) {
        return known(ticketId, notificationId) != Outcome.DELIVERED;
    }

    /** Whether a failure report is news: not after a failure or a delivery already recorded. */
    boolean recordsFailure(String ticketId, String notificationId) {
        return known(ticketId, notificationId) == Outcome.REQUESTED;
    }

    void requested(String notificationId) {
        outcomes.putIfAbsent(notificationId, Outcome.REQUESTED);
    }

    void failed(String notificationId) {
        outcomes.computeIfPresent(
                notificationId, (id, outcome) -> outcome == Outcome.DELIVERED ? outcome : Outcome.FAILED);
    }

    void delivered(String notificationId) {
        outcomes.put(notificationId, Outcome.DELIVERED);
    }

    private Outcome known(String ticketId, String notificationId) {
        Outcome outcome = outcomes.get(notificationId);
        if (outcome == null) {
            throw new UnknownNotificationException(ticketId, notificationId);
        }
        return outcome;
    }
}
