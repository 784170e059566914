package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The projected state of one ticket: what its row holds. Pure logic, no I/O: each method applies one kind
 * of event, and the derived SLA fields are computed from the clocks and the status. Time only ever comes
 * from event timestamps, so replaying the same events gives the same row.
 */
final class TicketView {

    private final String id;
    private long version;
    private String subject;
    private String description;
    private TicketStatus status;
    private Priority priority;
    private Channel channel;
    private String assignee;
    private String group;
    private Requester requester;
    private CustomerTier customerTier;
    private final Set<String> tags;
    private Instant createdAt;
    private Instant updatedAt;
    private String resolution;
    private String mergedInto;
    private String slaPolicy;
    private int escalationLevel;
    private final Map<SlaMetric, SlaClock> clocks;
    /** Conversation entries added since the view was loaded; the store inserts them. */
    private final List<ConversationEntry> addedEntries = new ArrayList<>();

    TicketView(
            String id,
            long version,
            String subject,
            String description,
            TicketStatus status,
            Priority priority,
            Channel channel,
            String assignee,
            String group,
            Requester requester,
            CustomerTier customerTier,
            Collection<String> tags,
            Instant createdAt,
            Instant updatedAt,
            String resolution,
            String mergedInto,
            String slaPolicy,
            int escalationLevel,
            Map<SlaMetric, SlaClock> clocks) {
        this.id = Objects.requireNonNull(id);
        this.version = version;
        this.subject = subject;
        this.description = description;
        this.status = status;
        this.priority = priority;
        this.channel = channel;
        this.assignee = assignee;
        this.group = group;
        this.requester = requester;
        this.customerTier = customerTier;
        this.tags = new LinkedHashSet<>(tags == null ? List.of() : tags);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.resolution = resolution;
        this.mergedInto = mergedInto;
        this.slaPolicy = slaPolicy;
        this.escalationLevel = escalationLevel;
        this.clocks = new EnumMap<>(SlaMetric.class);
        if (clocks != null) {
            this.clocks.putAll(clocks);
        }
    }

    static TicketView opened(TicketOpenedEvent e, long version, Instant at) {
        return new TicketView(
                e.ticketId(),
                version,
                e.subject(),
                e.description(),
                TicketStatus.NEW,
                e.priority() == null ? Priority.NORMAL : e.priority(),
                e.channel(),
                null,
                null,
                e.requester(),
                e.customerTier() == null ? CustomerTier.STANDARD : e.customerTier(),
                e.tags(),
                at,
                at,
                null,
                null,
                null,
                0,
                Map.of());
    }

    /** An event with a version at or below the stored one was applied already (duplicate or replay). */
    boolean alreadyApplied(long eventVersion) {
        return eventVersion <= version;
    }

    void advanceTo(long eventVersion, Instant at) {
        version = eventVersion;
        if (at != null) {
            updatedAt = at;
        }
    }

    // --- lifecycle: each status change is its own event, never re-derived here

    void assigned(String newAssignee, String newGroup) {
        assigned(newAssignee, newGroup, false);
    }

    /** @param clearsAssignee an escalation gave the ticket to a group: nobody is assigned any more */
    void assigned(String newAssignee, String newGroup, boolean clearsAssignee) {
        if (newAssignee != null) {
            assignee = newAssignee;
        } else if (clearsAssignee) {
            assignee = null;
        }
        if (newGroup != null) {
            group = newGroup;
        }
        if (status == TicketStatus.NEW) {
            status = TicketStatus.OPEN;
        }
    }

    void markedPending() {
        status = TicketStatus.PENDING;
    }

    void resumed() {
        status = TicketStatus.OPEN;
    }

    void resolved(String text) {
        status = TicketStatus.RESOLVED;
        resolution = text;
    }

    /** A reopened ticket is no longer resolved, so the old resolution no longer describes it. */
    void reopened() {
        status = TicketStatus.OPEN;
        resolution = null;
    }

    void closed() {
        status = TicketStatus.CLOSED;
    }

    void merged(String into) {
        status = TicketStatus.CLOSED;
        mergedInto = into;
    }

    void priorityChanged(Priority newPriority) {
        priority = newPriority;
    }

    void tagsChanged(List<String> added, List<String> removed) {
        if (removed != null) {
            removed.forEach(tags::remove);
        }
        if (added != null) {
            tags.addAll(added);
        }
    }

    /** The event carries the level reached; a duplicate or out-of-date level never lowers it. */
    void escalated(int level) {
        escalationLevel = Math.max(escalationLevel, level);
    }

    // --- conversation

    void conversed(ConversationKind kind, String author, String body, long eventVersion, Instant at) {
        addedEntries.add(new ConversationEntry(eventVersion, kind, author, at, body));
    }

    /** The author of a customer message is the requester: the event's actor is the agent who recorded it. */
    String requesterName() {
        return requester == null ? null : requester.name();
    }

    // --- SLA clocks

    void clockStarted(SlaMetric metric, String policy, Instant dueAt, Instant warnAt) {
        SlaClock before = clocks.get(metric);
        clocks.put(metric, SlaClock.started(dueAt, warnAt, before != null && before.breached()));
        if (policy != null) {
            slaPolicy = policy;
        }
    }

    void clockRetargeted(SlaMetric metric, String policy, Instant dueAt, Instant warnAt) {
        changeClock(metric, c -> c.retargeted(dueAt, warnAt));
        if (policy != null) {
            slaPolicy = policy;
        }
    }

    void clockPaused(SlaMetric metric) {
        changeClock(metric, SlaClock::paused);
    }

    void clockResumed(SlaMetric metric, Instant dueAt, Instant warnAt) {
        changeClock(metric, c -> c.resumed(dueAt, warnAt));
    }

    void clockAtRisk(SlaMetric metric) {
        changeClock(metric, SlaClock::warned);
    }

    void clockBreached(SlaMetric metric) {
        changeClock(metric, SlaClock::breach);
    }

    void clockMet(SlaMetric metric) {
        changeClock(metric, c -> c.stopped(ClockState.MET));
    }

    void clockCancelled(SlaMetric metric) {
        changeClock(metric, c -> c.stopped(ClockState.CANCELLED));
    }

    private void changeClock(SlaMetric metric, UnaryOperator<SlaClock> change) {
        SlaClock clock = clocks.get(metric);
        if (clock != null) {
            clocks.put(metric, change.apply(clock));
        }
    }

    /** docs/api.md, Queries: BREACHED, else AT_RISK (a running clock warned), else PAUSED (PENDING), else ON_TRACK, else MET. */
    SlaState slaState() {
        if (clocks.values().stream().anyMatch(SlaClock::breached)) {
            return SlaState.BREACHED;
        }
        if (clocks.values().stream().anyMatch(c -> c.running() && c.atRisk())) {
            return SlaState.AT_RISK;
        }
        if (status == TicketStatus.PENDING) {
            return SlaState.PAUSED;
        }
        if (clocks.values().stream().anyMatch(SlaClock::running)) {
            return SlaState.ON_TRACK;
        }
        return SlaState.MET;
    }

    /** Null when that clock does not run (never started, paused, met or cancelled). */
    Instant dueAt(SlaMetric metric) {
        SlaClock clock = clocks.get(metric);
        return clock != null && clock.running() ? clock.dueAt() : null;
    }

    /** The queue's sort key: the earliest due instant among the running clocks. */
    Instant earliestDueAt() {
        return clocks.values().stream()
                .filter(SlaClock::running)
                .map(SlaClock::dueAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }

    // --- read access for the store and the tests

    String id() {
        return id;
    }

    long version() {
        return version;
    }

    String subject() {
        return subject;
    }

    String description() {
        return description;
    }

    TicketStatus status() {
        return status;
    }

    Priority priority() {
        return priority;
    }

    Channel channel() {
        return channel;
    }

    String assignee() {
        return assignee;
    }

    String group() {
        return group;
    }

    Requester requester() {
        return requester;
    }

    CustomerTier customerTier() {
        return customerTier;
    }

    List<String> tags() {
        return List.copyOf(tags);
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String resolution() {
        return resolution;
    }

    String mergedInto() {
        return mergedInto;
    }

    String slaPolicy() {
        return slaPolicy;
    }

    int escalationLevel() {
        return escalationLevel;
    }

    Map<SlaMetric, SlaClock> clocks() {
        return Collections.unmodifiableMap(clocks);
    }

    List<ConversationEntry> addedEntries() {
        return List.copyOf(addedEntries);
    }
}
