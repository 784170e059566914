package dev.supportdesk.ticket.command.ticket;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;

/**
 * sla-monitor reported a warning or breach that still applies but whose instant has not come yet by this
 * service's clock (409, reason NOT_DUE); nothing was stored, and sla-monitor reports it again later.
 */
public final class SlaNotDueException extends TicketCommandRefusedException {

    private final Instant dueAt;
    private final Instant now;

    SlaNotDueException(String ticketId, String what, SlaMetric metric, Instant dueAt, Instant now) {
        super(
                ticketId,
                "The " + what + " of " + metric + " on ticket " + ticketId + " is due at " + dueAt + ", and it is "
                        + now + " here: it cannot be recorded before then");
        this.dueAt = dueAt;
        this.now = now;
    }

    /** The instant from which the report can be recorded. */
    public Instant dueAt() {
        return dueAt;
    }

    /** This service's time when it refused the report. */
    public Instant now() {
        return now;
    }
}
