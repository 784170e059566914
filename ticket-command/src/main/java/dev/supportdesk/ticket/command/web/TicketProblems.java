package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.command.ticket.IdempotencyKeyReusedException;
import dev.supportdesk.ticket.command.ticket.SlaNotDueException;
import dev.supportdesk.ticket.command.ticket.StaleTicketVersionException;
import dev.supportdesk.ticket.command.ticket.TicketActionForbiddenException;
import dev.supportdesk.ticket.command.ticket.TicketBusyException;
import dev.supportdesk.ticket.command.ticket.TicketCommandRefusedException;
import dev.supportdesk.ticket.command.ticket.TicketNotFoundException;
import dev.supportdesk.ticket.command.ticket.TicketStateConflictException;
import dev.supportdesk.ticket.command.ticket.UnknownNotificationException;
import org.springframework.http.HttpStatus;

/** The HTTP answer to each way a ticket command can be refused. */
final class TicketProblems {

    private TicketProblems() {}

    static ApiProblem of(TicketCommandRefusedException refusal) {
        if (refusal instanceof TicketNotFoundException) {
            return ApiProblem.notFound(refusal.getMessage());
        }
        if (refusal instanceof TicketStateConflictException conflict) {
            return ApiProblem.conflict(conflict.getMessage())
                    .with("state", conflict.status().name());
        }
        if (refusal instanceof StaleTicketVersionException) {
            return ApiProblem.preconditionFailed(refusal.getMessage());
        }
        if (refusal instanceof TicketActionForbiddenException) {
            return ApiProblem.forbidden(refusal.getMessage());
        }
        if (refusal instanceof TicketBusyException) {
            return ApiProblem.of(HttpStatus.CONFLICT, "Ticket busy", refusal.getMessage())
                    .with("reason", "BUSY");
        }
        if (refusal instanceof IdempotencyKeyReusedException) {
            return ApiProblem.unprocessable(refusal.getMessage());
        }
        if (refusal instanceof SlaNotDueException notDue) {
            // sla-monitor tells this answer from every other 409 by its reason, and reports again later
            return ApiProblem.of(HttpStatus.CONFLICT, "Not due yet", notDue.getMessage())
                    .with("reason", "NOT_DUE")
                    .with("dueAt", notDue.dueAt().toString())
                    .with("now", notDue.now().toString());
        }
        if (refusal instanceof UnknownNotificationException) {
            return ApiProblem.of(HttpStatus.CONFLICT, "Unknown notification", refusal.getMessage())
                    .with("reason", "UNKNOWN_NOTIFICATION");
        }
        throw new IllegalStateException("no answer for " + refusal.getClass().getName(), refusal);
    }
}
