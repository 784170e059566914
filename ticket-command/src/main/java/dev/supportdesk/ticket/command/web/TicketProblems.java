package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.command.ticket.IdempotencyKeyReusedException;
import dev.supportdesk.ticket.command.ticket.StaleTicketVersionException;
import dev.supportdesk.ticket.command.ticket.TicketActionForbiddenException;
import dev.supportdesk.ticket.command.ticket.TicketBusyException;
import dev.supportdesk.ticket.command.ticket.TicketCommandRefusedException;
import dev.supportdesk.ticket.command.ticket.TicketNotFoundException;
import dev.supportdesk.ticket.command.ticket.TicketStateConflictException;
import org.springframework.http.HttpStatus;

/** The HTTP answer to each way a ticket command can be refused. */
final class TicketProblems {

    private TicketProblems() {
    }

    static ApiProblem of(TicketCommandRefusedException refusal) {
        if (refusal instanceof TicketNotFoundException) {
            return ApiProblem.notFound(refusal.getMessage());
        }
        if (refusal instanceof TicketStateConflictException conflict) {
            return ApiProblem.conflict(conflict.getMessage()).with("state", conflict.status().name());
        }
        if (refusal instanceof StaleTicketVersionException) {
            return ApiProblem.preconditionFailed(refusal.getMessage());
        }
        if (refusal instanceof TicketActionForbiddenException) {
            return ApiProblem.forbidden(refusal.getMessage());
        }
        if (refusal instanceof TicketBusyException) {
            return ApiProblem.of(HttpStatus.CONFLICT, "Ticket busy", refusal.getMessage()).with("reason", "BUSY");
        }
        if (refusal instanceof IdempotencyKeyReusedException) {
            return ApiProblem.unprocessable(refusal.getMessage());
        }
        throw new IllegalStateException("no answer for " + refusal.getClass().getName(), refusal);
    }
}
