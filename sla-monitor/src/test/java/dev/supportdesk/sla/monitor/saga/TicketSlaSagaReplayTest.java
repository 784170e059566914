package dev.supportdesk.sla.monitor.saga;

import static dev.supportdesk.contract.SlaMetric.FIRST_RESPONSE;
import static dev.supportdesk.sla.monitor.saga.TicketSlaSaga.BREACH_DEADLINE;

import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays and late cancels after a deadline has fired: the saga never escalates twice, never schedules again what
 * already fired, and a cancel of a fired deadline ends quietly instead of looping.
 */
class TicketSlaSagaReplayTest {

    private static final String TICKET = "T-1";
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant FR_DUE = T0.plus(Duration.ofMinutes(30));

    private RedeliveringSagaTestFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedeliveringSagaTestFixture();
        fixture.givenCurrentTime(T0);
    }

    private static SlaClockStartedEvent started() {
        return new SlaClockStartedEvent(
                TICKET, FIRST_RESPONSE, "default", "24x7", Duration.ofMinutes(30), FR_DUE, null);
    }

    private static GenericDomainEventMessage<?> again(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", TICKET, sequence, payload, MetaData.emptyInstance());
    }

    @Test
    void aBreachThatFiredIsNotDispatchedAgainWhenTheTicketsEventsAreReplayed() throws Exception {
        fixture.givenAggregate(TICKET)
                .published(started())
                .andThenTimeAdvancesTo(FR_DUE)
                .andThenAggregate(TICKET)
                .published(new SlaClockBreachedEvent(TICKET, FIRST_RESPONSE, FR_DUE));
        // The whole stream again, as after a lost offset: the start and the breach with their sequence numbers.
        fixture.andThenDelivered(again(0, started()))
                .andThenDelivered(again(1, new SlaClockBreachedEvent(TICKET, FIRST_RESPONSE, FR_DUE)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void aStartRedeliveredAfterTheBreachFiredDoesNotScheduleItAgain() throws Exception {
        fixture.givenAggregate(TICKET).published(started()).andThenTimeAdvancesTo(FR_DUE);
        fixture.andThenDelivered(again(0, started()))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineWithName(FR_DUE, BREACH_DEADLINE);
    }

    @Test
    void theClockMetAfterItsBreachFiredCancelsQuietlyAndEndsTheSaga() throws Exception {
        fixture.givenAggregate(TICKET).published(started()).andThenTimeAdvancesTo(FR_DUE.plusSeconds(1));
        fixture.whenAggregate(TICKET)
                .publishes(new SlaClockMetEvent(TICKET, FIRST_RESPONSE, Duration.ofMinutes(31)))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aBreachDeadlineFiresOnceAlthoughTheStartArrivedTwiceBeforeIt() throws Exception {
        fixture.givenAggregate(TICKET).published(started());
        fixture.andThenDelivered(again(0, started()))
                .andThenDelivered(again(0, started()))
                .whenTimeElapses(Duration.ofHours(2))
                .expectDispatchedCommands(new RecordSlaBreachCommand(TICKET, FIRST_RESPONSE, FR_DUE));
    }
}
