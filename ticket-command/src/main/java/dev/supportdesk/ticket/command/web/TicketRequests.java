package dev.supportdesk.ticket.command.web;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the command API, kept apart from the commands so that the HTTP contract and the
 * domain can change independently. Every string and list has a limit.
 */
final class TicketRequests {

    static final int NAME = 200;
    static final int TEXT = 20_000;
    static final int REASON = 2_000;
    static final int TAG = 50;
    static final int TAGS = 20;
    static final int USER = 64;

    private TicketRequests() {}

    record RequesterRequest(
            @NotBlank @Size(max = NAME) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone) {}

    record OpenTicketRequest(
            @NotBlank @Size(max = NAME) String subject,
            @Size(max = TEXT) String description,
            @NotNull Channel channel,
            Priority priority,
            @NotNull @Valid RequesterRequest requester,
            CustomerTier customerTier,
            @Size(max = TAGS) List<@NotBlank @Size(max = TAG) String> tags) {}

    record AssignRequest(
            @Size(max = USER) String assignee,
            @Size(max = USER) String group) {}

    record ReplyRequest(
            @NotBlank @Size(max = TEXT) String body,
            @NotNull Visibility visibility) {}

    record CustomerMessageRequest(
            @NotBlank @Size(max = TEXT) String body) {}

    record PriorityRequest(
            @NotNull Priority priority, @Size(max = REASON) String reason) {}

    /** pending and resume: an optional reason. */
    record OptionalReasonRequest(@Size(max = REASON) String reason) {}

    record ResolveRequest(@NotBlank @Size(max = TEXT) String resolution) {}

    /** reopen and escalate: a reason is required. */
    record ReasonRequest(@NotBlank @Size(max = REASON) String reason) {}

    record CloseRequest() {}

    record TagsRequest(
            @Size(max = TAGS) List<@NotBlank @Size(max = TAG) String> add,
            @Size(max = TAGS) List<@NotBlank @Size(max = TAG) String> remove) {}

    record MergeRequest(@NotBlank @Size(max = 40) String into) {}

    record SlaWarningRequest(
            @NotNull SlaMetric metric, @NotNull Instant warnAt) {}

    record SlaBreachRequest(
            @NotNull SlaMetric metric, @NotNull Instant dueAt) {}

    /**
     * sla-monitor's report of a supervisor notification: delivered (with the instant of the 2xx, or null for
     * now) or failed after {@code attempts} tries, with the last error.
     */
    record SlaNotificationRequest(
            @NotNull Outcome outcome,
            @NotNull @Min(0) @Max(1_000_000) Integer attempts,
            Instant deliveredAt,
            @Size(max = TEXT) String error) {

        enum Outcome {
            DELIVERED,
            FAILED
        }
    }

    /** The answer to every command: the ticket and its version after the command. */
    record CommandAnswer(String id, long version) {}
}
