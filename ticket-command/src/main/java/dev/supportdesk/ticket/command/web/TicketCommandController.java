package dev.supportdesk.ticket.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.supportdesk.contract.commands.OpenTicketCommand;
import dev.supportdesk.contract.commands.PostReplyCommand;
import dev.supportdesk.contract.commands.RecordCustomerMessageCommand;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.contract.commands.RecordSupervisorNotificationDeliveredCommand;
import dev.supportdesk.contract.commands.RecordSupervisorNotificationFailedCommand;
import dev.supportdesk.contract.commands.ReopenTicketCommand;
import dev.supportdesk.contract.commands.ResolveTicketCommand;
import dev.supportdesk.contract.commands.ResumeTicketCommand;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.ETags;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.command.ticket.TicketCommandRefusedException;
import dev.supportdesk.ticket.command.ticket.TicketCommands;
import dev.supportdesk.ticket.command.ticket.TicketCommands.IdempotentRequest;
import dev.supportdesk.ticket.command.ticket.TicketVersion;
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
import dev.supportdesk.ticket.command.web.TicketRequests.SlaNotificationRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.SlaWarningRequest;
import dev.supportdesk.ticket.command.web.TicketRequests.TagsRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command endpoints of the public API: each maps a request to a command, hands it to {@link TicketCommands}
 * and answers {@code {id, version}} with {@code ETag: "<version>"}, or the problem its refusal stands for.
 */
@RestController
@RequestMapping(
        path = "/api/tickets",
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class TicketCommandController {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final TicketCommands commands;
    private final UserDirectory directory;
    private final ObjectMapper json;

    TicketCommandController(TicketCommands commands, UserDirectory directory, ObjectMapper json) {
        this.commands = commands;
        this.directory = directory;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> open(
            @Valid @RequestBody OpenTicketRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ApiProblem.badRequest("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        IdempotentRequest idempotent =
                key == null ? null : new IdempotentRequest(Actor.current().name(), key, canonical(request));
        TicketVersion opened = decided(() -> commands.open(
                id -> new OpenTicketCommand(
                        id,
                        request.subject().trim(),
                        request.description() == null ? "" : request.description(),
                        request.channel(),
                        Optional.ofNullable(request.priority()).orElse(Priority.NORMAL),
                        new Requester(
                                request.requester().name(),
                                request.requester().email(),
                                request.requester().phone()),
                        Optional.ofNullable(request.customerTier()).orElse(CustomerTier.STANDARD),
                        request.tags() == null ? List.of() : request.tags()),
                idempotent));
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId()))
                .header(HttpHeaders.ETAG, ETags.of(opened.version()))
                .body(new CommandAnswer(opened.ticketId(), opened.version()));
    }

    /** The request as JSON, which a repeated request with the same key must equal. */
    private String canonical(OpenTicketRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> assign(
            @PathVariable String id, @Valid @RequestBody AssignRequest request, @IfMatch Long expectedVersion) {
        if (request.assignee() == null && request.group() == null) {
            throw ApiProblem.badRequest(
                    "at least one of assignee and group is required",
                    List.of(
                            new FieldProblem("assignee", "assignee or group is required"),
                            new FieldProblem("group", "assignee or group is required")));
        }
        if (request.assignee() != null) {
            boolean person = directory
                    .find(request.assignee())
                    .filter(user -> !user.hasRole(Role.SYSTEM))
                    .isPresent();
            if (!person) {
                throw ApiProblem.badRequest("assignee", "unknown user " + request.assignee());
            }
        }
        if (request.group() != null && directory.findGroup(request.group()).isEmpty()) {
            throw ApiProblem.badRequest("group", "unknown group " + request.group());
        }
        return send(id, new AssignTicketCommand(id, request.assignee(), request.group(), expectedVersion));
    }

    @PostMapping("/{id}/replies")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> reply(
            @PathVariable String id, @Valid @RequestBody ReplyRequest request, @IfMatch Long expectedVersion) {
        return send(id, new PostReplyCommand(id, request.body(), request.visibility(), expectedVersion));
    }

    @PostMapping("/{id}/customer-messages")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> customerMessage(
            @PathVariable String id,
            @Valid @RequestBody CustomerMessageRequest request,
            @IfMatch Long expectedVersion) {
        return send(id, new RecordCustomerMessageCommand(id, request.body(), expectedVersion));
    }

    @PostMapping("/{id}/priority")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> priority(
            @PathVariable String id, @Valid @RequestBody PriorityRequest request, @IfMatch Long expectedVersion) {
        return send(id, new ChangePriorityCommand(id, request.priority(), request.reason(), expectedVersion));
    }

    @PostMapping("/{id}/pending")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> pending(
            @PathVariable String id, @Valid @RequestBody OptionalReasonRequest request, @IfMatch Long expectedVersion) {
        return send(id, new MarkTicketPendingCommand(id, request.reason(), expectedVersion));
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> resume(
            @PathVariable String id, @Valid @RequestBody OptionalReasonRequest request, @IfMatch Long expectedVersion) {
        return send(id, new ResumeTicketCommand(id, request.reason(), expectedVersion));
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> resolve(
            @PathVariable String id, @Valid @RequestBody ResolveRequest request, @IfMatch Long expectedVersion) {
        return send(id, new ResolveTicketCommand(id, request.resolution(), expectedVersion));
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> reopen(
            @PathVariable String id, @Valid @RequestBody ReasonRequest request, @IfMatch Long expectedVersion) {
        return send(id, new ReopenTicketCommand(id, request.reason(), expectedVersion));
    }

    @PostMapping("/{id}/close")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> close(
            @PathVariable String id, @Valid @RequestBody CloseRequest request, @IfMatch Long expectedVersion) {
        return send(id, new CloseTicketCommand(id, expectedVersion));
    }

    @PostMapping("/{id}/tags")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> tags(
            @PathVariable String id, @Valid @RequestBody TagsRequest request, @IfMatch Long expectedVersion) {
        if ((request.add() == null || request.add().isEmpty())
                && (request.remove() == null || request.remove().isEmpty())) {
            throw ApiProblem.badRequest("add", "add or remove must name at least one tag");
        }
        return send(
                id,
                new ChangeTagsCommand(
                        id,
                        request.add() == null ? List.of() : request.add(),
                        request.remove() == null ? List.of() : request.remove(),
                        expectedVersion));
    }

    @PostMapping("/{id}/escalate")
    @PreAuthorize(Access.SUPERVISE)
    ResponseEntity<CommandAnswer> escalate(
            @PathVariable String id, @Valid @RequestBody ReasonRequest request, @IfMatch Long expectedVersion) {
        return send(id, new EscalateTicketCommand(id, request.reason(), expectedVersion));
    }

    @PostMapping("/{id}/merge")
    @PreAuthorize(Access.WORK_TICKETS)
    ResponseEntity<CommandAnswer> merge(
            @PathVariable String id, @Valid @RequestBody MergeRequest request, @IfMatch Long expectedVersion) {
        MergeTicketCommand merge = new MergeTicketCommand(id, request.into().trim(), expectedVersion);
        return ok(id, decided(() -> commands.merge(merge)));
    }

    @PostMapping("/{id}/sla/warnings")
    @PreAuthorize(Access.PLATFORM)
    ResponseEntity<CommandAnswer> slaWarning(@PathVariable String id, @Valid @RequestBody SlaWarningRequest request) {
        return send(id, new RecordSlaWarningCommand(id, request.metric(), request.warnAt()));
    }

    @PostMapping("/{id}/sla/breaches")
    @PreAuthorize(Access.PLATFORM)
    ResponseEntity<CommandAnswer> slaBreach(@PathVariable String id, @Valid @RequestBody SlaBreachRequest request) {
        return send(id, new RecordSlaBreachCommand(id, request.metric(), request.dueAt()));
    }

    /** sla-monitor's report of a supervisor notification's webhook: recorded once; a repeat is answered 200. */
    @PostMapping("/{id}/sla/notifications/{notificationId}")
    @PreAuthorize(Access.PLATFORM)
    ResponseEntity<CommandAnswer> slaNotification(
            @PathVariable String id,
            @PathVariable String notificationId,
            @Valid @RequestBody SlaNotificationRequest request) {
        Object command = request.outcome() == SlaNotificationRequest.Outcome.DELIVERED
                ? new RecordSupervisorNotificationDeliveredCommand(
                        id, notificationId, request.attempts(), request.deliveredAt())
                : new RecordSupervisorNotificationFailedCommand(
                        id, notificationId, request.attempts(), request.error());
        return send(id, command);
    }

    private ResponseEntity<CommandAnswer> send(String id, Object command) {
        return ok(id, decided(() -> commands.send(id, command)));
    }

    private static ResponseEntity<CommandAnswer> ok(String id, long version) {
        return ResponseEntity.ok().header(HttpHeaders.ETAG, ETags.of(version)).body(new CommandAnswer(id, version));
    }

    /** Runs the command; a refusal becomes the problem answer it stands for. */
    private static <T> T decided(Supplier<T> command) {
        try {
            return command.get();
        } catch (TicketCommandRefusedException refusal) {
            throw TicketProblems.of(refusal);
        }
    }
}
