package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import dev.supportdesk.ticket.command.ticket.StaleTicketVersionException;
import dev.supportdesk.ticket.command.ticket.TicketActionForbiddenException;
import dev.supportdesk.ticket.command.ticket.TicketStateConflictException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Sends commands in a Spring transaction that Axon's unit of work joins, so that events and this service's
 * own rows (idempotency keys) commit or roll back together, and turns refusals into problem answers.
 */
@Component
class CommandDispatcher {

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final TicketStreams streams;

    CommandDispatcher(CommandGateway gateway, TransactionTemplate transactions, TicketStreams streams) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.streams = streams;
    }

    /** Sends one command to an existing ticket; answers the ticket's version after it. */
    long send(String ticketId, Object command) {
        return inTransaction(() -> {
            requireTicket(ticketId, "Ticket " + ticketId + " does not exist");
            return version(ticketId, command);
        });
    }

    /**
     * Answers 404 for a ticket without events before Axon tries to load it (and logs a warning with a stack
     * trace for what is only a client's typo). Tickets are never deleted, so checking first is safe.
     */
    void requireTicket(String ticketId, String detail) {
        if (!streams.exists(ticketId)) {
            throw ApiProblem.notFound(detail);
        }
    }

    /** Sends one command inside a transaction that {@link #inTransaction} opened; answers the version. */
    long version(String ticketId, Object command) {
        try {
            Object result = gateway.sendAndWait(command);
            return ((Number) result).longValue();
        } catch (AggregateNotFoundException e) {
            throw ApiProblem.notFound("Ticket " + ticketId + " does not exist");
        } catch (TicketStateConflictException e) {
            throw ApiProblem.conflict(e.getMessage()).with("state", e.status().name());
        } catch (StaleTicketVersionException e) {
            throw ApiProblem.preconditionFailed(e.getMessage());
        } catch (TicketActionForbiddenException e) {
            throw ApiProblem.forbidden(e.getMessage());
        } catch (ConcurrencyException e) {
            throw ApiProblem.conflict("Ticket " + ticketId + " was changed at the same time; try again");
        }
    }

    <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
