package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.security.Access;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.commands.AssignTicketCommand;
import dev.supportdesk.contract.commands.ChangePriorityCommand;
import dev.supportdesk.contract.commands.ChangeTagsCommand;
import dev.supportdesk.contract.commands.CloseTicketCommand;
import dev.supportdesk.contract.commands.EscalateTicketCommand;
import dev.supportdesk.contract.commands.MarkTicketPendingCommand;
import dev.supportdesk.contract.commands.MergeTicketCommand;
import dev.supportdesk.contract.commands.NoteMergedTicketCommand;
import dev.supportdesk.contract.commands.OpenTicketCommand;
import dev.supportdesk.contract.commands.PostReplyCommand;
import dev.supportdesk.contract.commands.RecordCustomerMessageCommand;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.contract.commands.ReopenTicketCommand;
import dev.supportdesk.contract.commands.ResolveTicketCommand;
import dev.supportdesk.contract.commands.ResumeTicketCommand;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.command.idempotency.IdempotencyKeys;
import dev.supportdesk.ticket.command.web.TicketRequests.AssignRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.CloseRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.CommandAnswer;
import dev.supportdesk.ticket.command.web.TicketRequests.CustomerMessageRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.MergeRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.OpenTicketRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.OptionalReasonRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.PriorityRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.ReasonRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.ReplyRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.ResolveRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.SlaBreachRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.SlaWarningRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.TagsRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The command endpoints of API.md; each answers {@code {id, version}} with {@code ETag: "<version>"}. */
@RestController
@RequestMapping(path = "/api/tickets", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class TicketCommandController {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final CommandDispatcher commands;
    private final IdempotencyKeys idempotencyKeys;
    private final UserDirectory directory;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TicketCommandController(CommandDispatcher commands, IdempotencyKeys idempotencyKeys, UserDirectory directory,
                            JdbcTemplate jdbc, ObjectMapper json) {
        this.commands = commands;
        this.idempotencyKeys = idempotencyKeys;
        this.directory = directory;
        this.jdbc = jdbc;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> open(@Valid @RequestBody OpenTicketRequest request,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ApiProblem.badRequest("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        String caller = Actor.current().name();
        String body = canonical(request);
        CommandAnswer answer = commands.inTransaction(() -> {
            String ticketId = "T-" + jdbc.queryForObject("SELECT nextval('ticket_number_seq')", Long.class);
            if (key != null && !idempotencyKeys.claim(caller, key, body, ticketId)) {
                return replay(caller, key, body);
            }
            long version = commands.version(ticketId, new OpenTicketCommand(ticketId, request.subject().trim(),
                    request.description() == null ? "" : request.description(), request.channel(),
                    Optional.ofNullable(request.priority()).orElse(Priority.NORMAL),
                    new Requester(request.requester().name(), request.requester().email(), request.requester().phone()),
                    Optional.ofNullable(request.customerTier()).orElse(CustomerTier.STANDARD),
                    request.tags() == null ? List.of() : request.tags()));
            if (key != null) {
                idempotencyKeys.answered(caller, key, version);
            }
            return new CommandAnswer(ticketId, version);
        });
        return ResponseEntity.created(URI.create("/api/tickets/" + answer.id()))
                .header(HttpHeaders.ETAG, IfMatch.etag(answer.version()))
                .body(answer);
    }

    /** Same key and same JSON: the first answer again; same key and other JSON: 422. */
    private CommandAnswer replay(String caller, String key, String body) {
        IdempotencyKeys.Entry first = idempotencyKeys.find(caller, key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key));
        if (!parse(first.requestBody()).equals(parse(body))) {
            throw ApiProblem.unprocessable("Idempotency-Key " + key + " was already used with another request body");
        }
        return new CommandAnswer(first.ticketId(), first.version());
    }

    private String canonical(OpenTicketRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> assign(@PathVariable String id, @Valid @RequestBody AssignRequest request,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = IfMatch.parse(ifMatch);
        if (request.assignee() == null && request.group() == null) {
            throw ApiProblem.badRequest("at least one of assignee and group is required",
                    List.of(new FieldProblem("assignee", "assignee or group is required"),
                            new FieldProblem("group", "assignee or group is required")));
        }
        if (request.assignee() != null) {
            boolean person = directory.find(request.assignee()).filter(user -> !user.hasRole(Role.SYSTEM)).isPresent();
            if (!person) {
                throw ApiProblem.badRequest("assignee", "unknown user " + request.assignee());
            }
        }
        if (request.group() != null && directory.findGroup(request.group()).isEmpty()) {
            throw ApiProblem.badRequest("group", "unknown group " + request.group());
        }
        return answer(id, new AssignTicketCommand(id, request.assignee(), request.group(), expected));
    }

    @PostMapping("/{id}/replies")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> reply(@PathVariable String id, @Valid @RequestBody ReplyRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new PostReplyCommand(id, request.body(), request.visibility(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/customer-messages")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> customerMessage(@PathVariable String id, @Valid @RequestBody CustomerMessageRequest request,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new RecordCustomerMessageCommand(id, request.body(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/priority")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> priority(@PathVariable String id, @Valid @RequestBody PriorityRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new ChangePriorityCommand(id, request.priority(), request.reason(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/pending")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> pending(@PathVariable String id, @Valid @RequestBody OptionalReasonRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new MarkTicketPendingCommand(id, request.reason(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> resume(@PathVariable String id, @Valid @RequestBody OptionalReasonRequest request,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new ResumeTicketCommand(id, request.reason(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> resolve(@PathVariable String id, @Valid @RequestBody ResolveRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new ResolveTicketCommand(id, request.resolution(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> reopen(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new ReopenTicketCommand(id, request.reason(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/close")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> close(@PathVariable String id, @Valid @RequestBody CloseRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new CloseTicketCommand(id, IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/tags")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> tags(@PathVariable String id, @Valid @RequestBody TagsRequest request,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if ((request.add() == null || request.add().isEmpty()) && (request.remove() == null || request.remove().isEmpty())) {
            throw ApiProblem.badRequest("add", "add or remove must name at least one tag");
        }
        return answer(id, new ChangeTagsCommand(id, request.add() == null ? List.of() : request.add(),
                request.remove() == null ? List.of() : request.remove(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{id}/escalate")
    @PreAuthorize(Access.SUPERVISE)
    ResponseEntity<CommandAnswer> escalate(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(id, new EscalateTicketCommand(id, request.reason(), IfMatch.parse(ifMatch)));
    }

    /**
     * Both sides in one database transaction: the source closes as merged, the target gets an internal note.
     * If either command is refused, neither stores anything.
     */
    @PostMapping("/{id}/merge")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> merge(@PathVariable String id, @Valid @RequestBody MergeRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = IfMatch.parse(ifMatch);
        String into = request.into().trim();
        long version = commands.inTransaction(() -> {
            commands.requireTicket(id, "Ticket " + id + " does not exist");
            commands.requireTicket(into, "Merge target " + into + " does not exist");
            long sourceVersion = commands.version(id, new MergeTicketCommand(id, into, expected));
            try {
                commands.version(into, new NoteMergedTicketCommand(into, id));
            } catch (ApiProblem problem) {
                if (problem.status() == HttpStatus.NOT_FOUND) {
                    throw ApiProblem.notFound("Merge target " + into + " does not exist");
                }
                if (problem.status() == HttpStatus.CONFLICT) {
                    throw ApiProblem.conflict("Merge target " + problem.getMessage());
                }
                throw problem;
            }
            return sourceVersion;
        });
        return ok(id, version);
    }

    @PostMapping("/{id}/sla/warnings")
    @PreAuthorize(Access.PLATFORM)
    ResponseEntity<CommandAnswer> slaWarning(@PathVariable String id, @Valid @RequestBody SlaWarningRequest request) {
        return answer(id, new RecordSlaWarningCommand(id, request.metric(), request.warnAt()));
    }

    @PostMapping("/{id}/sla/breaches")
    @PreAuthorize(Access.PLATFORM)
    ResponseEntity<CommandAnswer> slaBreach(@PathVariable String id, @Valid @RequestBody SlaBreachRequest request) {
        return answer(id, new RecordSlaBreachCommand(id, request.metric(), request.dueAt()));
    }

    private ResponseEntity<CommandAnswer> answer(String id, Object command) {
        return ok(id, commands.send(id, command));
    }

    private static ResponseEntity<CommandAnswer> ok(String id, long version) {
        return ResponseEntity.ok().header(HttpHeaders.ETAG, IfMatch.etag(version)).body(new CommandAnswer(id, version));
    }
}
