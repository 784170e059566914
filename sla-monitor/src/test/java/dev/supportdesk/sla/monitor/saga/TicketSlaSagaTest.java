package dev.supportdesk.sla.monitor.saga;

import static dev.supportdesk.contract.SlaMetric.FIRST_RESPONSE;
import static dev.supportdesk.contract.SlaMetric.RESOLUTION;
import static dev.supportdesk.sla.monitor.saga.TicketSlaSaga.BREACH_DEADLINE;
import static dev.supportdesk.sla.monitor.saga.TicketSlaSaga.WARNING_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketSlaSagaTest {

    private static final String TICKET = "T-1";
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant FR_WARN = T0.plus(Duration.ofMinutes(24));
    private static final Instant FR_DUE = T0.plus(Duration.ofMinutes(30));
    private static final Instant RES_WARN = T0.plus(Duration.ofMinutes(192));
    private static final Instant RES_DUE = T0.plus(Duration.ofHours(4));
    private static final Map<String, String> CORRELATION = Map.of(MetadataKeys.CORRELATION_ID, "corr-open");

    private RedeliveringSagaTestFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedeliveringSagaTestFixture();
        fixture.givenCurrentTime(T0);
    }

    private static SlaClockStartedEvent started(SlaMetric metric, Instant dueAt, Instant warnAt) {
        Duration target = Duration.between(T0, dueAt);
        return new SlaClockStartedEvent(TICKET, metric, "default", "24x7", target, dueAt, warnAt);
    }

    private static SlaClockStartedEvent firstResponseStarted() {
        return started(FIRST_RESPONSE, FR_DUE, FR_WARN);
    }

    @Test
    void startSchedulesTheWarningAtWarnAtAndTheBreachAtDueAt() {
        fixture.givenNoPriorActivity()
                .whenAggregate(TICKET)
                .publishes(firstResponseStarted(), CORRELATION)
                .expectActiveSagas(1)
                .expectAssociationWith("ticketId", TICKET)
                .expectScheduledDeadline(FR_WARN, new SlaDeadline(FIRST_RESPONSE, FR_WARN, "corr-open"))
                .expectScheduledDeadline(FR_DUE, new SlaDeadline(FIRST_RESPONSE, FR_DUE, "corr-open"))
                .expectNoDispatchedCommands();
    }

    @Test
    void startWithoutWarningInstantSchedulesOnlyTheBreach() {
        fixture.givenNoPriorActivity()
                .whenAggregate(TICKET)
                .publishes(started(FIRST_RESPONSE, FR_DUE, null))
                .expectScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE)
                .expectNoScheduledDeadlineWithName(T0, FR_DUE.plusSeconds(1), WARNING_DEADLINE);
    }

    @Test
    void pauseCancelsTheClocksDeadlinesButTheSagaWaits() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenAggregate(TICKET)
                .publishes(new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20)))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void aPausedClockSendsNothingWhenItsFormerInstantsPass() {
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20)))
                .whenTimeAdvancesTo(FR_DUE.plus(Duration.ofHours(1)))
                .expectNoDispatchedCommands();
    }

    @Test
    void resumeReschedulesAtTheNewInstants() {
        Instant newWarn = T0.plus(Duration.ofMinutes(50));
        Instant newDue = T0.plus(Duration.ofMinutes(56));
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20)))
                .whenAggregate(TICKET)
                .publishes(
                        new SlaClockResumedEvent(TICKET, FIRST_RESPONSE, newDue, newWarn),
                        Map.of(MetadataKeys.CORRELATION_ID, "corr-resume"))
                .expectScheduledDeadline(newWarn, new SlaDeadline(FIRST_RESPONSE, newWarn, "corr-resume"))
                .expectScheduledDeadline(newDue, new SlaDeadline(FIRST_RESPONSE, newDue, "corr-resume"))
                .expectNoScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE)
                .expectNoScheduledDeadlineWithName(FR_WARN, WARNING_DEADLINE);
    }

    @Test
    void resumeWithoutWarningInstantSchedulesOnlyTheBreach() {
        Instant newDue = T0.plus(Duration.ofMinutes(56));
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(3)))
                .whenAggregate(TICKET)
                .publishes(new SlaClockResumedEvent(TICKET, FIRST_RESPONSE, newDue, null))
                .expectScheduledDeadlineWithName(newDue, BREACH_DEADLINE)
                .expectNoScheduledDeadlineWithName(T0, newDue.plusSeconds(1), WARNING_DEADLINE);
    }

    @Test
    void retargetOfARunningClockMovesItsDeadlines() {
        Instant newWarn = T0.plus(Duration.ofMinutes(12));
        Instant newDue = T0.plus(Duration.ofMinutes(15));
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenAggregate(TICKET)
                .publishes(new SlaClockRetargetedEvent(
                        TICKET,
                        FIRST_RESPONSE,
                        "default",
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        newDue,
                        newWarn))
                .expectScheduledDeadlineWithName(newWarn, WARNING_DEADLINE)
                .expectScheduledDeadlineWithName(newDue, BREACH_DEADLINE)
                .expectNoScheduledDeadlineWithName(FR_WARN, WARNING_DEADLINE)
                .expectNoScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE);
    }

    @Test
    void retargetOfAPausedClockSchedulesNothingUntilItResumes() {
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20)))
                .whenAggregate(TICKET)
                .publishes(new SlaClockRetargetedEvent(
                        TICKET, FIRST_RESPONSE, "default", Duration.ofMinutes(15), Duration.ofMinutes(5), null, null))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void metCancelsTheDeadlinesAndEndsTheSagaWhenNoClockIsLeft() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenAggregate(TICKET)
                .publishes(new SlaClockMetEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(3)))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void metOfOneClockKeepsTheOthersDeadlines() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted(), started(RESOLUTION, RES_DUE, RES_WARN))
                .whenAggregate(TICKET)
                .publishes(new SlaClockMetEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(3)))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE)
                .expectScheduledDeadlineWithName(RES_WARN, WARNING_DEADLINE)
                .expectScheduledDeadlineWithName(RES_DUE, BREACH_DEADLINE);
    }

    @Test
    void metOfAPausedClockEndsTheSaga() {
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20)))
                .whenAggregate(TICKET)
                .publishes(new SlaClockMetEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(10)))
                .expectActiveSagas(0);
    }

    @Test
    void cancelledClocksEndTheSaga() {
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(),
                        started(RESOLUTION, RES_DUE, RES_WARN),
                        new SlaClockCancelledEvent(TICKET, FIRST_RESPONSE, "merged"))
                .whenAggregate(TICKET)
                .publishes(new SlaClockCancelledEvent(TICKET, RESOLUTION, "merged"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void mergeCancelsEveryDeadlineAndEndsTheSaga() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted(), started(RESOLUTION, RES_DUE, RES_WARN))
                .whenAggregate(TICKET)
                .publishes(new TicketMergedEvent(TICKET, "T-2"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void closeEndsTheSaga() {
        fixture.givenAggregate(TICKET)
                .published(started(RESOLUTION, RES_DUE, RES_WARN))
                .whenAggregate(TICKET)
                .publishes(new TicketClosedEvent(TICKET))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void breachDeadlineDispatchesRecordSlaBreachCommandWithTheEventsCorrelationId() {
        fixture.givenAggregate(TICKET)
                .published(GenericEventMessage.asEventMessage(started(FIRST_RESPONSE, FR_DUE, null))
                        .andMetaData(CORRELATION))
                .whenTimeAdvancesTo(FR_DUE)
                .expectDispatchedCommands(new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, FR_DUE));

        CommandMessage<?> sent = fixture.getCommandBus().getDispatchedCommands().get(0);
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.CORRELATION_ID, "corr-open");
    }

    @Test
    void warningDeadlineDispatchesRecordSlaWarningCommand() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenTimeAdvancesTo(FR_WARN)
                .expectDispatchedCommands(new RecordSlaWarningCommand(TICKET, FIRST_RESPONSE, FR_WARN));
    }

    @Test
    void bothDeadlinesFireInOrderWhenTheClockRunsOut() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenTimeAdvancesTo(FR_DUE.plusSeconds(1))
                .expectDispatchedCommands(
                        new RecordSlaWarningCommand(TICKET, FIRST_RESPONSE, FR_WARN),
                        new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, FR_DUE))
                .expectActiveSagas(1);
    }

    @Test
    void recordedWarningCancelsAWarningDeadlineThatIsStillScheduled() {
        fixture.givenAggregate(TICKET)
                .published(firstResponseStarted())
                .whenAggregate(TICKET)
                .publishes(new SlaClockAtRiskEvent(TICKET, FIRST_RESPONSE, FR_WARN))
                .expectNoScheduledDeadlineWithName(FR_WARN, WARNING_DEADLINE)
                .expectScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE);
    }

    @Test
    void aBreachedClockIsNeverBreachedAgainAfterAResume() {
        Instant newDue = FR_DUE.plus(Duration.ofMinutes(40));
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(),
                        new SlaClockBreachedEvent(TICKET, FIRST_RESPONSE, FR_DUE),
                        new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ZERO))
                .whenAggregate(TICKET)
                .publishes(new SlaClockResumedEvent(TICKET, FIRST_RESPONSE, newDue, null))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void aDuplicateStartNeitherSchedulesNorDispatchesTwice() {
        SlaClockStartedEvent event = firstResponseStarted();
        fixture.givenAggregate(TICKET).published(event);
        // the same record again, as Kafka may deliver it: same aggregate sequence number 0
        fixture.andThenDelivered(new GenericDomainEventMessage<>("Ticket", TICKET, 0L, event, MetaData.emptyInstance()))
                .whenTimeAdvancesTo(FR_DUE.plusSeconds(1))
                .expectDispatchedCommands(
                        new RecordSlaWarningCommand(TICKET, FIRST_RESPONSE, FR_WARN),
                        new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, FR_DUE));
    }

    @Test
    void aStartRedeliveredAfterTheWarningFiredDoesNotWarnAgain() throws Exception {
        SlaClockStartedEvent event = firstResponseStarted();
        fixture.givenAggregate(TICKET).published(event).andThenTimeAdvancesTo(FR_WARN);
        fixture.andThenDelivered(new GenericDomainEventMessage<>("Ticket", TICKET, 0L, event, MetaData.emptyInstance()))
                .whenTimeAdvancesTo(FR_DUE)
                .expectDispatchedCommands(new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, FR_DUE));
    }

    @Test
    void aStaleRedeliveredPauseDoesNotCancelTheResumedClock() {
        Instant newDue = T0.plus(Duration.ofMinutes(56));
        SlaClockPausedEvent paused = new SlaClockPausedEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(20));
        fixture.givenAggregate(TICKET)
                .published(
                        firstResponseStarted(), paused, new SlaClockResumedEvent(TICKET, FIRST_RESPONSE, newDue, null));
        fixture.andThenDelivered(
                        new GenericDomainEventMessage<>("Ticket", TICKET, 1L, paused, MetaData.emptyInstance()))
                .whenTimeAdvancesTo(newDue)
                .expectDispatchedCommands(new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, newDue));
    }

    @Test
    void aReopenStartsANewSagaAfterTheFirstEnded() {
        Instant reopenedDue = RES_DUE.plus(Duration.ofHours(1));
        fixture.givenAggregate(TICKET)
                .published(
                        started(RESOLUTION, RES_DUE, RES_WARN),
                        new SlaClockMetEvent(TICKET, RESOLUTION, Duration.ofHours(1)))
                .whenAggregate(TICKET)
                .publishes(started(RESOLUTION, reopenedDue, null))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(reopenedDue, BREACH_DEADLINE)
                .expectNoScheduledDeadlineWithName(RES_DUE, BREACH_DEADLINE);
    }
}
