package dev.supportdesk.ticket.command.ticket;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationAction;
import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.contract.Visibility;
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
import dev.supportdesk.contract.commands.RecordSupervisorNotificationDeliveredCommand;
import dev.supportdesk.contract.commands.RecordSupervisorNotificationFailedCommand;
import dev.supportdesk.contract.commands.ReopenTicketCommand;
import dev.supportdesk.contract.commands.ResolveTicketCommand;
import dev.supportdesk.contract.commands.ResumeTicketCommand;
import dev.supportdesk.contract.events.CustomerMessageReceivedEvent;
import dev.supportdesk.contract.events.InternalNoteAddedEvent;
import dev.supportdesk.contract.events.PublicReplyPostedEvent;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockCancelledEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.SupervisorNotificationDeliveredEvent;
import dev.supportdesk.contract.events.SupervisorNotificationFailedEvent;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketClosedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketMarkedPendingEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.contract.events.TicketPriorityChangedEvent;
import dev.supportdesk.contract.events.TicketReopenedEvent;
import dev.supportdesk.contract.events.TicketResolvedEvent;
import dev.supportdesk.contract.events.TicketResumedEvent;
import dev.supportdesk.contract.events.TicketTagsChangedEvent;
import dev.supportdesk.model.sla.SlaClock;
import dev.supportdesk.model.sla.SlaClockCalculator;
import dev.supportdesk.model.sla.SlaTicket;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A support ticket: the lifecycle of the public API (docs/ticket-command.md) and its SLA clocks. Every
 * command handler answers the ticket version after it (sequence number of the last event + 1), so the API
 * can return {@code {id, version}}. Command handlers guard and decide, with time from the injected
 * {@link Clock}; the clocks' arithmetic is {@link SlaClockCalculator}'s, asked for the clock facts to apply.
 * Event sourcing handlers only record facts, so a replay never reads the clock or the configuration.
 * A long ticket loads from a snapshot of these fields ({@link TicketSnapshots}): a changed field is a new
 * {@link TicketSnapshots#REVISION}, and older snapshots are then skipped.
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger", snapshotFilter = "ticketSnapshotFilter")
@Revision(TicketSnapshots.REVISION)
public class Ticket {

    @AggregateIdentifier
    private String ticketId;

    private TicketStatus status;
    private Priority priority;
    private CustomerTier customerTier;
    private Channel channel;
    private String assignee;
    private String group;
    private final Set<String> tags = new LinkedHashSet<>();
    private int escalationLevel;
    private boolean publicReplyPosted;
    /** Version of the last event caused by a person: If-Match is stale only when a person changed the ticket. */
    private long lastPersonVersion;

    private final Map<SlaMetric, SlaClock> clocks = new EnumMap<>(SlaMetric.class);
    /** How many times each metric's clock has started: a reopened ticket's new clock is a new run. */
    private final Map<SlaMetric, Integer> clockRuns = new EnumMap<>(SlaMetric.class);
    /** The last policy change in force when the ticket was opened; every later match is among those policies. */
    private Long policiesAsOf;

    protected Ticket() {
        // Axon rebuilds the ticket from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(OpenTicketCommand command, Clock clock, SlaClockCalculator sla) {
        apply(new TicketOpenedEvent(
                command.ticketId(),
                command.subject(),
                command.description(),
                command.channel(),
                command.priority(),
                command.requester(),
                command.customerTier(),
                command.tags() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.tags()))));
        sla.opened(ticketId, slaTicket(), clock.instant()).forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(
            AssignTicketCommand command,
            @MetaDataValue(MetadataKeys.ACTOR) String actor,
            @MetaDataValue(MetadataKeys.MAY_REASSIGN) Boolean mayReassign) {
        checkVersion(command.expectedVersion());
        requireStatus("assign", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);
        boolean assigneeChanges =
                command.assignee() != null && !command.assignee().equals(assignee);
        boolean takenFromSomeoneElse = assignee != null && !assignee.equals(actor);
        if (assigneeChanges && takenFromSomeoneElse && !Boolean.TRUE.equals(mayReassign)) {
            throw new TicketActionForbiddenException(
                    ticketId,
                    "Ticket " + ticketId + " is assigned to " + assignee + ": only a supervisor may reassign it");
        }
        boolean groupChanges = command.group() != null && !command.group().equals(group);
        if (assigneeChanges || groupChanges || status == TicketStatus.NEW) {
            apply(new TicketAssignedEvent(
                    ticketId, assigneeChanges ? command.assignee() : null, groupChanges ? command.group() : null));
        }
        return version();
    }

    @CommandHandler
    long handle(
            PostReplyCommand command,
            Clock clock,
            SlaClockCalculator sla,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        checkVersion(command.expectedVersion());
        if (command.visibility() == Visibility.INTERNAL) {
            requireStatus(
                    "add an internal note",
                    TicketStatus.NEW,
                    TicketStatus.OPEN,
                    TicketStatus.PENDING,
                    TicketStatus.RESOLVED);
            apply(new InternalNoteAddedEvent(ticketId, command.body()));
            return version();
        }
        requireStatus("post a public reply", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);
        if (status == TicketStatus.NEW) {
            // whoever answers a new ticket first takes it
            apply(new TicketAssignedEvent(ticketId, actor, null));
        }
        apply(new PublicReplyPostedEvent(ticketId, command.body()));
        sla.replied(ticketId, new EnumMap<>(clocks), clock.instant()).forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(RecordCustomerMessageCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus(
                "record a customer message",
                TicketStatus.NEW,
                TicketStatus.OPEN,
                TicketStatus.PENDING,
                TicketStatus.RESOLVED);
        Instant now = clock.instant();
        TicketStatus before = status;
        boolean answeredBefore = publicReplyPosted;
        apply(new CustomerMessageReceivedEvent(ticketId, command.body()));
        if (before == TicketStatus.PENDING) {
            apply(new TicketResumedEvent(ticketId, "customer replied"));
            sla.resumed(ticketId, List.copyOf(clocks.values()), slaTicket(), now)
                    .forEach(AggregateLifecycle::apply);
        } else if (before == TicketStatus.RESOLVED) {
            apply(new TicketReopenedEvent(ticketId, "customer replied"));
            sla.reopened(ticketId, slaTicket(), now).ifPresent(AggregateLifecycle::apply);
        }
        sla.customerMessaged(ticketId, new EnumMap<>(clocks), answeredBefore, slaTicket(), now)
                .ifPresent(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(ChangePriorityCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus(
                "change the priority",
                TicketStatus.NEW,
                TicketStatus.OPEN,
                TicketStatus.PENDING,
                TicketStatus.RESOLVED);
        if (command.priority() == priority) {
            return version();
        }
        apply(new TicketPriorityChangedEvent(ticketId, command.priority(), priority, command.reason()));
        // after the apply: the clocks are re-targeted under the policy that matches the new priority
        sla.retargeted(ticketId, List.copyOf(clocks.values()), slaTicket(), clock.instant())
                .forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(MarkTicketPendingCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus("mark it pending", TicketStatus.OPEN);
        apply(new TicketMarkedPendingEvent(ticketId, command.reason()));
        sla.paused(ticketId, List.copyOf(clocks.values()), clock.instant()).forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(ResumeTicketCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus("resume it", TicketStatus.PENDING);
        apply(new TicketResumedEvent(ticketId, command.reason()));
        sla.resumed(ticketId, List.copyOf(clocks.values()), slaTicket(), clock.instant())
                .forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(ResolveTicketCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus("resolve it", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);
        apply(new TicketResolvedEvent(ticketId, command.resolution()));
        sla.resolved(ticketId, new EnumMap<>(clocks), clock.instant()).forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(ReopenTicketCommand command, Clock clock, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus("reopen it", TicketStatus.RESOLVED);
        apply(new TicketReopenedEvent(ticketId, command.reason()));
        sla.reopened(ticketId, slaTicket(), clock.instant()).ifPresent(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(CloseTicketCommand command) {
        checkVersion(command.expectedVersion());
        requireStatus("close it", TicketStatus.RESOLVED);
        apply(new TicketClosedEvent(ticketId));
        return version();
    }

    @CommandHandler
    long handle(ChangeTagsCommand command) {
        checkVersion(command.expectedVersion());
        requireStatus(
                "change its tags", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED);
        Set<String> added = new LinkedHashSet<>();
        if (command.add() != null) {
            command.add().stream().filter(tag -> !tags.contains(tag)).forEach(added::add);
        }
        Set<String> removed = new LinkedHashSet<>();
        if (command.remove() != null) {
            command.remove().stream()
                    .filter(tags::contains)
                    .filter(tag -> !added.contains(tag))
                    .forEach(removed::add);
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new TicketTagsChangedEvent(ticketId, List.copyOf(added), List.copyOf(removed)));
        }
        return version();
    }

    @CommandHandler
    long handle(EscalateTicketCommand command, @MetaDataValue(MetadataKeys.MAY_ESCALATE) Boolean mayEscalate) {
        checkVersion(command.expectedVersion());
        requireStatus("escalate it", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);
        if (!Boolean.TRUE.equals(mayEscalate)) {
            throw new TicketActionForbiddenException(
                    ticketId, "Only a supervisor or an admin may escalate ticket " + ticketId + " by hand");
        }
        apply(new TicketEscalatedEvent(
                ticketId, escalationLevel + 1, EscalationTrigger.MANUAL, null, command.reason()));
        return version();
    }

    @CommandHandler
    long handle(MergeTicketCommand command, SlaClockCalculator sla) {
        checkVersion(command.expectedVersion());
        requireStatus("merge it", TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);
        if (ticketId.equals(command.intoTicketId())) {
            throw new TicketStateConflictException(
                    ticketId, status, "Ticket " + ticketId + " is " + status + ": cannot merge it into itself");
        }
        apply(new TicketMergedEvent(ticketId, command.intoTicketId()));
        sla.merged(ticketId, new EnumMap<>(clocks), command.intoTicketId()).forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long handle(NoteMergedTicketCommand command) {
        if (status == TicketStatus.CLOSED) {
            throw TicketStateConflictException.notAllowed(
                    ticketId, status, "merge ticket " + command.sourceTicketId() + " into it");
        }
        if (ticketId.equals(command.sourceTicketId())) {
            throw new TicketStateConflictException(
                    ticketId, status, "Ticket " + ticketId + " is " + status + ": cannot merge it into itself");
        }
        apply(new InternalNoteAddedEvent(
                ticketId, "Ticket " + command.sourceTicketId() + " was merged into this ticket"));
        return version();
    }

    /**
     * Idempotent: a warning already recorded, or for a clock that no longer warns then (met, paused,
     * re-targeted, cancelled), stores nothing. One that still applies is recorded only once its instant has
     * come by this service's clock; before, it is refused and sla-monitor reports it again later.
     */
    @CommandHandler
    long handle(RecordSlaWarningCommand command, Clock clock, SlaClockCalculator sla, GroupSupervisors supervisors) {
        SlaClock slaClock = clocks.get(command.metric());
        if (slaClock == null || !slaClock.warnsAt(command.warnAt())) {
            return version();
        }
        requirePassed("warning", command.metric(), command.warnAt(), clock.instant());
        apply(new SlaClockAtRiskEvent(ticketId, command.metric(), command.warnAt()));
        escalate(slaClock, EscalationTrigger.WARNING, "at risk: due at " + slaClock.dueAt(), clock, sla, supervisors);
        return version();
    }

    /**
     * Idempotent: a breach already recorded, or for a clock that is no longer due at that instant (met,
     * paused, re-targeted, cancelled), stores nothing. One that still applies is recorded only once its
     * instant has come by this service's clock, and escalates the ticket one level.
     */
    @CommandHandler
    long handle(RecordSlaBreachCommand command, Clock clock, SlaClockCalculator sla, GroupSupervisors supervisors) {
        SlaClock slaClock = clocks.get(command.metric());
        if (slaClock == null || !slaClock.isDueAt(command.dueAt())) {
            return version();
        }
        requirePassed("breach", command.metric(), command.dueAt(), clock.instant());
        apply(new SlaClockBreachedEvent(ticketId, command.metric(), command.dueAt()));
        escalate(slaClock, EscalationTrigger.BREACH, "was due at " + command.dueAt(), clock, sla, supervisors);
        return version();
    }

    /**
     * Runs the escalation ladder of the policy version the clock recorded, for a stage the clock has just
     * reached: a stage is reached once per clock run (warned and breached are recorded), so every step fires
     * once per ticket, metric, stage and run. Each step is one escalation level, then its actions in order.
     */
    private void escalate(
            SlaClock slaClock,
            EscalationTrigger stage,
            String why,
            Clock clock,
            SlaClockCalculator sla,
            GroupSupervisors supervisors) {
        SlaMetric metric = slaClock.metric();
        List<EscalationStep> steps = sla.escalationSteps(slaClock, stage);
        for (int index = 0; index < steps.size(); index++) {
            EscalationStep step = steps.get(index);
            apply(new TicketEscalatedEvent(ticketId, escalationLevel + 1, stage, metric, metric + " " + why));
            for (EscalationAction action : step.actions()) {
                switch (action) {
                    case RAISE_PRIORITY -> raisePriority(metric, stage, clock, sla);
                    case REASSIGN_TO_GROUP -> {
                        if (step.group() != null) {
                            apply(new TicketAssignedEvent(ticketId, null, step.group(), assignee != null));
                        }
                    }
                    case NOTIFY_SUPERVISOR ->
                        apply(new SupervisorNotificationRequestedEvent(
                                ticketId,
                                ticketId + ":" + metric + ":" + stage + ":" + slaClock.run()
                                        + (steps.size() > 1 ? ":" + (index + 1) : ""),
                                metric,
                                stage,
                                group,
                                group == null ? List.of() : List.copyOf(supervisors.of(group)),
                                sla.webhookUrl(slaClock)));
                }
            }
        }
    }

    /** One level up, as a priority change by the system that re-targets the running clocks; URGENT stays. */
    private void raisePriority(SlaMetric metric, EscalationTrigger stage, Clock clock, SlaClockCalculator sla) {
        Priority raised = priority.raised();
        if (raised == priority) {
            return;
        }
        apply(new TicketPriorityChangedEvent(ticketId, raised, priority, "escalation: " + metric + " " + stage));
        sla.retargeted(ticketId, List.copyOf(clocks.values()), slaTicket(), clock.instant())
                .forEach(AggregateLifecycle::apply);
    }

    // ---- decisions shared by the handlers

    private static long version() {
        Long sequence = AggregateLifecycle.getVersion();
        return sequence == null ? 0 : sequence + 1;
    }

    private void checkVersion(Long expectedVersion) {
        if (expectedVersion == null) {
            return;
        }
        long current = version();
        if (expectedVersion > current) {
            throw StaleTicketVersionException.unknownVersion(ticketId, expectedVersion, current);
        }
        if (expectedVersion < lastPersonVersion) {
            throw StaleTicketVersionException.changedSince(ticketId, expectedVersion, lastPersonVersion);
        }
    }

    private void requirePassed(String what, SlaMetric metric, Instant instant, Instant now) {
        if (instant.isAfter(now)) {
            throw new SlaNotDueException(ticketId, what, metric, instant, now);
        }
    }

    private void requireStatus(String action, TicketStatus... allowed) {
        for (TicketStatus candidate : allowed) {
            if (candidate == status) {
                return;
            }
        }
        throw TicketStateConflictException.notAllowed(ticketId, status, action);
    }

    private SlaTicket slaTicket() {
        return new SlaTicket(priority, customerTier, channel, policiesAsOf);
    }

    // ---- state, from events only

    private void track(Long sequence, String actorRole) {
        if (!MetadataKeys.SYSTEM_ROLE.equals(actorRole)) {
            lastPersonVersion = (sequence == null ? 0 : sequence) + 1;
        }
    }

    @EventSourcingHandler
    void on(
            TicketOpenedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        ticketId = event.ticketId();
        status = TicketStatus.NEW;
        priority = event.priority();
        customerTier = event.customerTier();
        channel = event.channel();
        tags.addAll(event.tags() == null ? List.of() : event.tags());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketAssignedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        if (event.assignee() != null) {
            assignee = event.assignee();
        } else if (event.clearsAssignee()) {
            assignee = null;
        }
        if (event.group() != null) {
            group = event.group();
        }
        if (status == TicketStatus.NEW) {
            status = TicketStatus.OPEN;
        }
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            PublicReplyPostedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        publicReplyPosted = true;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            InternalNoteAddedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            CustomerMessageReceivedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketPriorityChangedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        priority = event.priority();
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketMarkedPendingEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.PENDING;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketResumedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.OPEN;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketResolvedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.RESOLVED;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketReopenedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.OPEN;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketClosedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.CLOSED;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketTagsChangedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        tags.addAll(event.added());
        event.removed().forEach(tags::remove);
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketEscalatedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        escalationLevel = event.level();
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            TicketMergedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        status = TicketStatus.CLOSED;
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockStartedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        int run = clockRuns.merge(event.metric(), 1, Integer::sum);
        clocks.put(event.metric(), SlaClock.started(event, run));
        if (policiesAsOf == null) {
            policiesAsOf = event.policiesAsOf();
        }
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockPausedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.paused(event.remaining()));
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockResumedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.resumed(event.dueAt(), event.warnAt()));
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockRetargetedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.retargeted(event));
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockMetEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.remove(event.metric());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockCancelledEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.remove(event.metric());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockAtRiskEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.warnedNow());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SlaClockBreachedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        clocks.computeIfPresent(event.metric(), (metric, clock) -> clock.breachedNow());
        track(sequence, role);
    }

    // ---- supervisor notifications: sla-monitor reports each one's delivery, recorded once (closed tickets too)

    private final SupervisorNotifications notifications = new SupervisorNotifications();

    @CommandHandler
    long handle(RecordSupervisorNotificationDeliveredCommand command, Clock clock) {
        if (notifications.recordsDelivery(ticketId, command.notificationId())) {
            Instant deliveredAt = command.deliveredAt() == null ? clock.instant() : command.deliveredAt();
            apply(new SupervisorNotificationDeliveredEvent(
                    ticketId, command.notificationId(), command.attempts(), deliveredAt));
        }
        return version();
    }

    @CommandHandler
    long handle(RecordSupervisorNotificationFailedCommand command) {
        if (notifications.recordsFailure(ticketId, command.notificationId())) {
            apply(new SupervisorNotificationFailedEvent(
                    ticketId, command.notificationId(), command.attempts(), command.error()));
        }
        return version();
    }

    @EventSourcingHandler
    void on(
            SupervisorNotificationRequestedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        notifications.requested(event.notificationId());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SupervisorNotificationDeliveredEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        notifications.delivered(event.notificationId());
        track(sequence, role);
    }

    @EventSourcingHandler
    void on(
            SupervisorNotificationFailedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        notifications.failed(event.notificationId());
        track(sequence, role);
    }
}
