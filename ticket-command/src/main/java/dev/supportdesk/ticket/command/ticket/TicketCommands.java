package dev.supportdesk.ticket.command.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.commands.MergeTicketCommand;
import dev.supportdesk.contract.commands.NoteMergedTicketCommand;
import dev.supportdesk.contract.commands.OpenTicketCommand;
import dev.supportdesk.ticket.command.eventstore.TicketStreams;
import dev.supportdesk.ticket.command.idempotency.IdempotencyKeys;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The command side's application service: what happens around the Ticket aggregate's decisions. It gives new
 * tickets their ids, replays answers to repeated Idempotency-Keys, writes both sides of a merge together,
 * and runs every command in a transaction of its own (retried when it lost a race, see
 * {@link CommandTransactions}). Refusals are {@link TicketCommandRefusedException}s; nothing of a refused
 * command is stored.
 */
@Service
public class TicketCommands {

    /**
     * What makes a repeated open recognisable: the caller's key and the request as the caller sent it (as
     * JSON), compared as parsed JSON with the first request that used the key.
     */
    public record IdempotentRequest(String caller, String key, String requestJson) {}

    private final CommandGateway gateway;
    private final CommandTransactions transactions;
    private final TicketStreams streams;
    private final IdempotencyKeys idempotencyKeys;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TicketCommands(
            CommandGateway gateway,
            CommandTransactions transactions,
            TicketStreams streams,
            IdempotencyKeys idempotencyKeys,
            JdbcTemplate jdbc,
            ObjectMapper json) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.streams = streams;
        this.idempotencyKeys = idempotencyKeys;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Opens a ticket under the next id {@code T-<n>}. With an idempotency key, a repeated request gets the first
     * answer again and opens nothing; the key is claimed in the transaction that stores the ticket's events.
     *
     * @param command    the open command for the id this allocates
     * @param idempotent null when the caller sent no key
     */
    public TicketVersion open(Function<String, OpenTicketCommand> command, IdempotentRequest idempotent) {
        return transactions.run(null, () -> {
            // Numbers of refused or replayed requests are skipped: a sequence never hands one out twice.
            String ticketId = "T-" + jdbc.queryForObject("SELECT nextval('ticket_number_seq')", Long.class);
            if (idempotent != null
                    && !idempotencyKeys.claim(
                            idempotent.caller(), idempotent.key(), idempotent.requestJson(), ticketId)) {
                return replay(idempotent);
            }
            long version = dispatch(ticketId, command.apply(ticketId));
            if (idempotent != null) {
                idempotencyKeys.answered(idempotent.caller(), idempotent.key(), version);
            }
            return new TicketVersion(ticketId, version);
        });
    }

    /** Sends one command to an existing ticket; answers the ticket's version after it. */
    public long send(String ticketId, Object command) {
        return transactions.run(ticketId, () -> {
            streams.lockForAppend(List.of(ticketId));
            requireTicket(ticketId);
            return dispatch(ticketId, command);
        });
    }

    /**
     * Both sides in one database transaction: the source closes as merged, the target gets an internal note.
     * If either is refused, neither stores anything. Both tickets are locked first, in a fixed order, so that
     * two opposite merges (A into B, B into A) wait for each other instead of deadlocking; the second then
     * finds its target closed.
     *
     * @return the source's version after the merge
     */
    public long merge(MergeTicketCommand merge) {
        String source = merge.ticketId();
        String into = merge.intoTicketId();
        return transactions.run(source, () -> {
            streams.lockForAppend(List.of(source, into));
            requireTicket(source);
            if (!streams.exists(into)) {
                throw TicketNotFoundException.mergeTarget(into);
            }
            long version = dispatch(source, merge);
            try {
                dispatch(into, new NoteMergedTicketCommand(into, source));
            } catch (TicketNotFoundException e) {
                throw TicketNotFoundException.mergeTarget(into);
            } catch (TicketStateConflictException e) {
                throw new TicketStateConflictException(into, e.status(), "Merge target " + e.getMessage());
            }
            return version;
        });
    }

    /**
     * Answers 404 for a ticket without events before Axon tries to load it (and logs a warning with a stack
     * trace for what is only a client's typo). Tickets are never deleted, so checking first is safe.
     */
    private void requireTicket(String ticketId) {
        if (!streams.exists(ticketId)) {
            throw TicketNotFoundException.ticket(ticketId);
        }
    }

    private long dispatch(String ticketId, Object command) {
        try {
            Object version = gateway.sendAndWait(command);
            return ((Number) version).longValue();
        } catch (AggregateNotFoundException e) {
            throw TicketNotFoundException.ticket(ticketId);
        }
    }

    /** Same key and same JSON: the first answer again; same key and other JSON: refused. */
    private TicketVersion replay(IdempotentRequest request) {
        IdempotencyKeys.Entry first = idempotencyKeys
                .find(request.caller(), request.key())
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + request.key()));
        if (!parse(first.requestBody()).equals(parse(request.requestJson()))) {
            throw new IdempotencyKeyReusedException(first.ticketId(), request.key());
        }
        return new TicketVersion(first.ticketId(), first.version());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request is not JSON", e);
        }
    }
}
