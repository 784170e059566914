package dev.supportdesk.model.view;

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
public final class TicketView {

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

    public TicketView(
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

    public static TicketView opened(TicketOpenedEvent e, long version, Instant at) {
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
    public boolean alreadyApplied(long eventVersion) {
        return eventVersion <= version;
    }

    public void advanceTo(long eventVersion, Instant at) {
        version = eventVersion;
        if (at != null) {
            updatedAt = at;
        }
    }

    // --- lifecycle: each status change is its own event, never re-derived here

    public void assigned(String newAssignee, String newGroup) {
        assigned(newAssignee, newGroup, false);
    }

    /** @param clearsAssignee an escalation gave the ticket to a group: nobody is assigned any more */
    public void assigned(String newAssignee, String newGroup, boolean clearsAssignee) {
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

    public void markedPending() {
        status = TicketStatus.PENDING;
    }

    public void resumed() {
        status = TicketStatus.OPEN;
    }

    public void resolved(String text) {
        status = TicketStatus.RESOLVED;
        resolution = text;
    }

    /** A reopened ticket is no longer resolved, so the old resolution no longer describes it. */
    public void reopened() {
        status = TicketStatus.OPEN;
        resolution = null;
    }

    public void closed() {
        status = TicketStatus.CLOSED;
    }

    public void merged(String into) {
        status = TicketStatus.CLOSED;
        mergedInto = into;
    }

    public void priorityChanged(Priority newPriority) {
        priority = newPriority;
    }

    public void tagsChanged(List<String> added, List<String> removed) {
        if (removed != null) {
            removed.forEach(tags::remove);
        }
        if (added != null) {
            tags.addAll(added);
        }
    }

    /** The event carries the level reached; a duplicate or out-of-date level never lowers it. */
    public void escalated(int level) {
        escalationLevel = Math.max(escalationLevel, level);
    }

    // --- conversation

    public void conversed(ConversationKind kind, String author, String body, long eventVersion, Instant at) {
        addedEntries.add(new ConversationEntry(eventVersion, kind, author, at, body));
    }

    /** The author of a customer message is the requester: the event's actor is the agent who recorded it. */
    public String requesterName() {
        return requester == null ? null : requester.name();
    }

    // --- SLA clocks

    public void clockStarted(SlaMetric metric, String policy, Instant dueAt, Instant warnAt) {
        SlaClock before = clocks.get(metric);
        clocks.put(metric, SlaClock.started(dueAt, warnAt, before != null && before.breached()));
        if (policy != null) {
            slaPolicy = policy;
        }
    }

    public void clockRetargeted(SlaMetric metric, String policy, Instant dueAt, Instant warnAt) {
        changeClock(metric, c -> c.retargeted(dueAt, warnAt));
        if (policy != null) {
            slaPolicy = policy;
        }
    }

    public void clockPaused(SlaMetric metric) {
        changeClock(metric, SlaClock::paused);
    }

    public void clockResumed(SlaMetric metric, Instant dueAt, Instant warnAt) {
        changeClock(metric, c -> c.resumed(dueAt, warnAt));
    }

    public void clockAtRisk(SlaMetric metric) {
        changeClock(metric, SlaClock::warned);
    }

    public void clockBreached(SlaMetric metric) {
        changeClock(metric, SlaClock::breach);
    }

    public void clockMet(SlaMetric metric) {
        changeClock(metric, c -> c.stopped(ClockState.MET));
    }

    public void clockCancelled(SlaMetric metric) {
        changeClock(metric, c -> c.stopped(ClockState.CANCELLED));
    }

    private void changeClock(SlaMetric metric, UnaryOperator<SlaClock> change) {
        SlaClock clock = clocks.get(metric);
        if (clock != null) {
            clocks.put(metric, change.apply(clock));
        }
    }

    /** docs/api.md, Queries: BREACHED, else AT_RISK (a running clock warned), else PAUSED (PENDING), else ON_TRACK, else MET. */
    public SlaState slaState() {
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
    public Instant dueAt(SlaMetric metric) {
        SlaClock clock = clocks.get(metric);
        return clock != null && clock.running() ? clock.dueAt() : null;
    }

    /** The queue's sort key: the earliest due instant among the running clocks. */
    public Instant earliestDueAt() {
        return clocks.values().stream()
                .filter(SlaClock::running)
                .map(SlaClock::dueAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }

    // --- read access for the store and the tests

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public TicketStatus status() {
        return status;
    }

    public Priority priority() {
        return priority;
    }

    public Channel channel() {
        return channel;
    }

    public String assignee() {
        return assignee;
    }

    public String group() {
        return group;
    }

    public Requester requester() {
        return requester;
    }

    public CustomerTier customerTier() {
        return customerTier;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String resolution() {
        return resolution;
    }

    public String mergedInto() {
        return mergedInto;
    }

    public String slaPolicy() {
        return slaPolicy;
    }

    public int escalationLevel() {
        return escalationLevel;
    }

    public Map<SlaMetric, SlaClock> clocks() {
        return Collections.unmodifiableMap(clocks);
    }

    public List<ConversationEntry> addedEntries() {
        return List.copyOf(addedEntries);
    }
}
