package dev.supportdesk.ticket.query.replay;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
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
import dev.supportdesk.testing.TicketRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A deterministic history (fixed seed, fixed instants) of many tickets, each walking its lifecycle as
 * ticket-command would write it: every command's events, the SLA clocks' facts, escalations, supervisor
 * notifications, merges, reopenings, and texts with NUL characters.
 */
final class GeneratedHistory {

    record Ticket(String id, long version) {}

    /** One event as it was written: its ticket, the version it made, when, and by whom. */
    record Fact(String ticketId, long version, Object event, Instant at, String actor) {}

    private static final Instant T0 = Instant.parse("2025-06-02T08:00:00Z");
    private static final String[] ACTORS = {"alice", "bob", "tina", "sam"};

    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final List<Ticket> tickets = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();
    final Set<String> eventTypes = new TreeSet<>();

    GeneratedHistory(String topic, String prefix, int count, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            tickets.add(new Walk(
                            topic,
                            prefix + String.format("%04d", i),
                            i,
                            random,
                            i == 0 ? null : prefix + String.format("%04d", i - 1))
                    .run());
        }
    }

    private final class Walk {
        final String topic;
        final String id;
        final int index;
        final Random random;
        final String mergeTarget;
        long version;
        Instant at;
        String status = "NEW";
        int escalation;
        Priority priority;

        Walk(String topic, String id, int index, Random random, String mergeTarget) {
            this.topic = topic;
            this.id = id;
            this.index = index;
            this.random = random;
            this.mergeTarget = mergeTarget;
            this.at = T0.plus(Duration.ofMinutes(17L * index));
            this.priority = Priority.values()[index % Priority.values().length];
        }

        Ticket run() {
            Channel channel = Channel.values()[index % Channel.values().length];
            String nul = index % 5 == 0 ? "\u0000" : "";
            emit(new TicketOpenedEvent(
                    id,
                    "Subject " + index + nul,
                    index % 3 == 0 ? null : "Description with a NUL" + nul + " of " + index,
                    channel,
                    priority,
                    new Requester("Requester " + index, index % 2 == 0 ? "r" + index + "@example.com" : null, null),
                    index % 4 == 0 ? CustomerTier.PREMIUM : CustomerTier.STANDARD,
                    index % 2 == 0 ? List.of("t" + index % 7) : List.of()));
            emit(started(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)));
            emit(started(SlaMetric.RESOLUTION, Duration.ofHours(8)));
            int steps = 4 + random.nextInt(14);
            for (int s = 0; s < steps && !status.equals("CLOSED"); s++) {
                step(random.nextInt(20));
            }
            return new Ticket(id, version);
        }

        private void step(int choice) {
            boolean active = status.equals("NEW") || status.equals("OPEN") || status.equals("PENDING");
            switch (choice) {
                case 0, 1 -> {
                    if (active) {
                        emit(new TicketAssignedEvent(
                                id, ACTORS[random.nextInt(3)], random.nextBoolean() ? "tier1" : null));
                        status = status.equals("NEW") ? "OPEN" : status;
                    }
                }
                case 2 -> {
                    if (active) {
                        emit(new PublicReplyPostedEvent(
                                id, "Reply \"quoted\", with comma" + (index % 3 == 0 ? "\u0000" : "")));
                        emit(new SlaClockMetEvent(
                                id, SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(random.nextInt(120))));
                        status = "OPEN";
                    }
                }
                case 3 -> emit(new InternalNoteAddedEvent(id, "Note\nwith lines " + random.nextInt(1000)));
                case 4 -> {
                    if (!status.equals("CLOSED")) {
                        emit(new CustomerMessageReceivedEvent(id, "Customer says " + random.nextInt(1000)));
                        if (status.equals("RESOLVED")) {
                            emit(new TicketReopenedEvent(id, "customer wrote"));
                            emit(started(SlaMetric.RESOLUTION, Duration.ofHours(8)));
                            status = "OPEN";
                        }
                    }
                }
                case 5 -> {
                    Priority next = Priority.values()[random.nextInt(Priority.values().length)];
                    emit(new TicketPriorityChangedEvent(id, next, priority, "triage"));
                    priority = next;
                    emit(new SlaClockRetargetedEvent(
                            id,
                            SlaMetric.RESOLUTION,
                            "policy-" + next,
                            Duration.ofHours(4),
                            Duration.ofHours(3),
                            at.plus(Duration.ofHours(3)),
                            at.plus(Duration.ofHours(2))));
                }
                case 6 ->
                    emit(new TicketTagsChangedEvent(id, List.of("x" + random.nextInt(5)), List.of("t" + index % 7)));
                case 7 -> {
                    if (status.equals("OPEN")) {
                        emit(new TicketMarkedPendingEvent(id, "waiting"));
                        emit(new SlaClockPausedEvent(id, SlaMetric.RESOLUTION, Duration.ofHours(5)));
                        status = "PENDING";
                    }
                }
                case 8 -> {
                    if (status.equals("PENDING")) {
                        emit(new TicketResumedEvent(id, "back"));
                        emit(new SlaClockResumedEvent(
                                id, SlaMetric.RESOLUTION, at.plus(Duration.ofHours(5)), at.plus(Duration.ofHours(4))));
                        status = "OPEN";
                    }
                }
                case 9 -> {
                    if (active) {
                        emit(new SlaClockAtRiskEvent(id, SlaMetric.FIRST_RESPONSE, at));
                        escalate(EscalationTrigger.WARNING, SlaMetric.FIRST_RESPONSE);
                    }
                }
                case 10 -> {
                    if (active) {
                        emit(new SlaClockBreachedEvent(id, SlaMetric.RESOLUTION, at));
                        escalate(EscalationTrigger.BREACH, SlaMetric.RESOLUTION);
                        String notification = id + "-n" + escalation;
                        emit(new SupervisorNotificationRequestedEvent(
                                id,
                                notification,
                                SlaMetric.RESOLUTION,
                                EscalationTrigger.BREACH,
                                "tier1",
                                List.of("sam"),
                                null));
                        emit(
                                random.nextBoolean()
                                        ? new SupervisorNotificationDeliveredEvent(id, notification, 1, at)
                                        : new SupervisorNotificationFailedEvent(id, notification, 3, "unreachable"));
                    }
                }
                case 11, 12 -> {
                    if (active) {
                        emit(new SlaClockMetEvent(
                                id, SlaMetric.RESOLUTION, Duration.ofMinutes(30 + random.nextInt(600))));
                        emit(new TicketResolvedEvent(id, "Resolved " + random.nextInt(100)));
                        status = "RESOLVED";
                    }
                }
                case 13 -> {
                    if (status.equals("RESOLVED")) {
                        emit(new TicketReopenedEvent(id, "not fixed"));
                        emit(started(SlaMetric.RESOLUTION, Duration.ofHours(8)));
                        status = "OPEN";
                    }
                }
                case 14 -> {
                    if (status.equals("RESOLVED")) {
                        emit(new TicketClosedEvent(id));
                        status = "CLOSED";
                    }
                }
                case 15 -> {
                    if (active && mergeTarget != null && index % 9 == 0) {
                        emit(new SlaClockCancelledEvent(id, SlaMetric.RESOLUTION, "merged"));
                        emit(new TicketMergedEvent(id, mergeTarget));
                        status = "CLOSED";
                    }
                }
                case 16 -> {
                    if (active) {
                        escalate(EscalationTrigger.MANUAL, null);
                    }
                }
                default -> emit(new InternalNoteAddedEvent(id, "Plain note " + choice));
            }
        }

        private void escalate(EscalationTrigger trigger, SlaMetric metric) {
            escalation++;
            emit(new TicketEscalatedEvent(id, escalation, trigger, metric, "escalated " + trigger));
        }

        private SlaClockStartedEvent started(SlaMetric metric, Duration target) {
            return new SlaClockStartedEvent(
                    id,
                    metric,
                    "policy-" + priority,
                    "24x7",
                    target,
                    at.plus(target),
                    at.plus(target.multipliedBy(8).dividedBy(10)));
        }

        private void emit(Object event) {
            version++;
            at = at.plusSeconds(30 + random.nextInt(600));
            eventTypes.add(event.getClass().getSimpleName());
            String actor =
                    event.getClass().getSimpleName().startsWith("Sla") ? "sla-monitor" : ACTORS[index % ACTORS.length];
            facts.add(new Fact(id, version, event, at, actor));
            records.add(TicketRecords.event(id, version, event)
                    .actor(actor)
                    .at(at)
                    .position(records.size() + 1)
                    .record(topic));
        }
    }
}
