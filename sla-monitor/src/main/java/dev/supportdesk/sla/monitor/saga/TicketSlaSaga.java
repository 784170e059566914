package dev.supportdesk.sla.monitor.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.contract.events.SlaClockAtRiskEvent;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockCancelledEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockPausedEvent;
import dev.supportdesk.contract.events.SlaClockResumedEvent;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketClosedEvent;
import dev.supportdesk.contract.events.TicketMergedEvent;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One per ticket: turns the clock facts that ticket-command writes into persistent warning and breach deadlines,
 * and, when one fires, dispatches the command that records it.
 * <p>
 * Delivery from Kafka is at least once, so every handler first compares the ticket version (aggregate sequence + 1)
 * with the last one handled and ignores what it has already seen: a duplicate never schedules or dispatches twice.
 * The saga ends when no clock runs or waits any more; a reopen starts a new saga with its own SlaClockStartedEvent.
 * <p>
 * The state is stored by Axon's Jackson serializer, which sees fields only (no getters here).
 */
@Saga
@ProcessingGroup(TicketSlaSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class TicketSlaSaga {

    public static final String PROCESSING_GROUP = "ticket-sla";
    static final String WARNING_DEADLINE = "sla-warning";
    static final String BREACH_DEADLINE = "sla-breach";

    private static final Logger log = LoggerFactory.getLogger(TicketSlaSaga.class);
    private static final String TICKET_ID = "ticketId";

    @Autowired
    @JsonIgnore
    private transient DeadlineManager deadlineManager;

    @Autowired
    @JsonIgnore
    private transient CommandGateway commandGateway;

    private String ticketId;
    private long lastVersion;
    private Map<SlaMetric, TrackedClock> clocks = new EnumMap<>(SlaMetric.class);

    @StartSaga
    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(
            SlaClockStartedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        if (alreadyHandled(sequence)) {
            return;
        }
        ticketId = event.ticketId();
        TrackedClock previous = clocks.get(event.metric());
        if (previous != null) {
            cancelDeadlines(previous);
        }
        schedule(event.metric(), TrackedClock.running(event.dueAt(), event.warnAt()), correlationId);
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(SlaClockPausedEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        TrackedClock clock = clocks.get(event.metric());
        if (clock != null) {
            cancelDeadlines(clock);
            clocks.put(event.metric(), clock.pause());
        }
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(
            SlaClockResumedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        if (alreadyHandled(sequence)) {
            return;
        }
        TrackedClock clock = clocks.get(event.metric());
        if (clock == null) {
            // The clock started before this saga existed (e.g. its start fell outside a processed range): track it now.
            schedule(event.metric(), TrackedClock.running(event.dueAt(), event.warnAt()), correlationId);
            return;
        }
        cancelDeadlines(clock);
        schedule(event.metric(), clock.resumeAt(event.dueAt(), event.warnAt()), correlationId);
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(
            SlaClockRetargetedEvent event,
            @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId) {
        if (alreadyHandled(sequence)) {
            return;
        }
        TrackedClock clock = clocks.get(event.metric());
        if (event.dueAt() == null) {
            // Re-targeted while paused: the new instants arrive with the resume.
            if (clock != null) {
                cancelDeadlines(clock);
                clocks.put(event.metric(), clock.pause());
            }
            return;
        }
        TrackedClock next = clock == null
                ? TrackedClock.running(event.dueAt(), event.warnAt())
                : clock.resumeAt(event.dueAt(), event.warnAt());
        if (clock != null) {
            cancelDeadlines(clock);
        }
        schedule(event.metric(), next, correlationId);
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(SlaClockMetEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        stop(event.metric());
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(SlaClockCancelledEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        stop(event.metric());
    }

    /** The warning is recorded (by this saga or by another path): its deadline, if any is left, is not needed. */
    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(SlaClockAtRiskEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        TrackedClock clock = clocks.get(event.metric());
        if (clock != null) {
            cancelQuietly(WARNING_DEADLINE, clock.warningDeadlineId());
            clocks.put(event.metric(), clock.warningDone());
        }
    }

    /** A breach is never undone: the clock keeps running until it is met, but is never breached again. */
    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(SlaClockBreachedEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        TrackedClock clock = clocks.get(event.metric());
        if (clock != null) {
            cancelQuietly(BREACH_DEADLINE, clock.breachDeadlineId());
            clocks.put(event.metric(), clock.breachDone());
        }
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(TicketClosedEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        stopAll();
    }

    @SagaEventHandler(associationProperty = TICKET_ID)
    void on(TicketMergedEvent event, @SequenceNumber Long sequence) {
        if (alreadyHandled(sequence)) {
            return;
        }
        stopAll();
    }

    @DeadlineHandler(deadlineName = WARNING_DEADLINE)
    void onWarningDue(SlaDeadline deadline) {
        TrackedClock clock = clocks.get(deadline.metric());
        if (clock == null || clock.paused() || !Objects.equals(clock.warnAt(), deadline.at())) {
            log.debug("Ignoring stale warning deadline {} of ticket {}", deadline, ticketId);
            return;
        }
        clocks.put(deadline.metric(), clock.warningDone());
        // sendAndWait: a failure to deliver fails the deadline, and the scheduler retries it later.
        commandGateway.sendAndWait(withCorrelation(
                new RecordSlaWarningCommand(ticketId, deadline.metric(), deadline.at()), deadline.correlationId()));
    }

    @DeadlineHandler(deadlineName = BREACH_DEADLINE)
    void onBreachDue(SlaDeadline deadline) {
        TrackedClock clock = clocks.get(deadline.metric());
        if (clock == null || clock.paused() || clock.breached() || !Objects.equals(clock.dueAt(), deadline.at())) {
            log.debug("Ignoring stale breach deadline {} of ticket {}", deadline, ticketId);
            return;
        }
        clocks.put(deadline.metric(), clock.breachDone());
        commandGateway.sendAndWait(withCorrelation(
                new RecordSlaBreachCommand(ticketId, deadline.metric(), deadline.at()), deadline.correlationId()));
    }

    private boolean alreadyHandled(Long sequence) {
        long version = sequence + 1;
        if (version <= lastVersion) {
            log.debug("Ignoring version {} of ticket {}: version {} already handled", version, ticketId, lastVersion);
            return true;
        }
        lastVersion = version;
        return false;
    }

    private void schedule(SlaMetric metric, TrackedClock clock, String correlationId) {
        String warningId = clock.warnAt() == null
                ? null
                : deadlineManager.schedule(
                        clock.warnAt(), WARNING_DEADLINE, new SlaDeadline(metric, clock.warnAt(), correlationId));
        String breachId = clock.breached() || clock.dueAt() == null
                ? null
                : deadlineManager.schedule(
                        clock.dueAt(), BREACH_DEADLINE, new SlaDeadline(metric, clock.dueAt(), correlationId));
        clocks.put(metric, clock.withDeadlines(breachId, warningId));
    }

    private void stop(SlaMetric metric) {
        TrackedClock clock = clocks.remove(metric);
        if (clock != null) {
            cancelDeadlines(clock);
        }
        endWhenIdle();
    }

    private void stopAll() {
        clocks.values().forEach(this::cancelDeadlines);
        clocks.clear();
        endWhenIdle();
    }

    private void endWhenIdle() {
        if (clocks.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    private void cancelDeadlines(TrackedClock clock) {
        cancelQuietly(WARNING_DEADLINE, clock.warningDeadlineId());
        cancelQuietly(BREACH_DEADLINE, clock.breachDeadlineId());
    }

    /**
     * A deadline may have fired (or be firing) just before its cancellation. That is harmless: a fired deadline
     * checks its instant against the saga's state and does nothing when it is stale. So a failed cancel is logged,
     * never retried in a loop.
     */
    private void cancelQuietly(String deadlineName, String deadlineId) {
        if (deadlineId == null) {
            return;
        }
        try {
            deadlineManager.cancelSchedule(deadlineName, deadlineId);
        } catch (RuntimeException e) {
            log.info(
                    "Could not cancel {} deadline {} of ticket {} (it may have fired already): {}",
                    deadlineName,
                    deadlineId,
                    ticketId,
                    e.toString());
        }
    }

    private static Object withCorrelation(Object command, String correlationId) {
        Map<String, Object> metaData = new HashMap<>();
        if (correlationId != null) {
            metaData.put(MetadataKeys.CORRELATION_ID, correlationId);
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
    }
}
