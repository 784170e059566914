package dev.supportdesk.ticket.command.ticket;

import static dev.supportdesk.ticket.command.ticket.TicketFixtures.ALICE;
import static dev.supportdesk.ticket.command.ticket.TicketFixtures.SLA_MONITOR;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.Visibility;
import dev.supportdesk.contract.commands.PostReplyCommand;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSupervisorNotificationDeliveredCommand;
import dev.supportdesk.contract.commands.RecordSupervisorNotificationFailedCommand;
import dev.supportdesk.contract.events.SlaClockBreachedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.SupervisorNotificationDeliveredEvent;
import dev.supportdesk.contract.events.SupervisorNotificationFailedEvent;
import dev.supportdesk.contract.events.SupervisorNotificationRequestedEvent;
import dev.supportdesk.contract.events.TicketAssignedEvent;
import dev.supportdesk.contract.events.TicketClosedEvent;
import dev.supportdesk.contract.events.TicketEscalatedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * sla-monitor's reports of supervisor notifications, and a breach that races an agent's reply: each is recorded
 * once, whatever order and however often the reports arrive.
 */
class SupervisorNotificationRecordingTest {

    private static final String ID = "T-1";
    private static final String NOTIFICATION = "T-1:FIRST_RESPONSE:BREACH:1";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant FR_DUE = T0.plus(Duration.ofHours(4));
    private static final Instant FR_WARN = T0.plus(Duration.ofMinutes(192));
    private static final Instant NOW = FR_DUE.plus(Duration.ofMinutes(5));
    private static final Instant DELIVERED_AT = FR_DUE.plusSeconds(3);

    private static List<Object> assigned() {
        return new ArrayList<>(List.of(
                new TicketOpenedEvent(
                        ID,
                        "Printer on fire",
                        "It smokes",
                        Channel.PHONE,
                        Priority.NORMAL,
                        new Requester("Carla", "carla@example.com", null),
                        CustomerTier.STANDARD,
                        List.of()),
                new SlaClockStartedEvent(
                        ID, SlaMetric.FIRST_RESPONSE, "default", "24x7", Duration.ofHours(4), FR_DUE, FR_WARN),
                new TicketAssignedEvent(ID, "alice", "tier1")));
    }

    /** Breached, escalated and a notification requested: version 6. */
    private static List<Object> notified() {
        List<Object> events = assigned();
        events.add(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE));
        events.add(new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "late"));
        events.add(new SupervisorNotificationRequestedEvent(
                ID, NOTIFICATION, SlaMetric.FIRST_RESPONSE, EscalationTrigger.BREACH, "tier1", List.of("sam"), null));
        return events;
    }

    @Test
    void aDeliveryIsRecordedWithItsAttemptsAndInstant() {
        TicketFixtures.at(NOW)
                .given(notified())
                .when(new RecordSupervisorNotificationDeliveredCommand(ID, NOTIFICATION, 2, DELIVERED_AT), SLA_MONITOR)
                .expectEvents(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 2, DELIVERED_AT))
                .expectResultMessagePayload(7L);
    }

    @Test
    void aDeliveryWithoutAnInstantIsRecordedAtThisServicesTime() {
        TicketFixtures.at(NOW)
                .given(notified())
                .when(new RecordSupervisorNotificationDeliveredCommand(ID, NOTIFICATION, 1, null), SLA_MONITOR)
                .expectEvents(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 1, NOW));
    }

    @Test
    void aRepeatedDeliveryStoresNothing() {
        List<Object> history = notified();
        history.add(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 1, DELIVERED_AT));
        TicketFixtures.at(NOW)
                .given(history)
                .when(new RecordSupervisorNotificationDeliveredCommand(ID, NOTIFICATION, 1, DELIVERED_AT), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(7L);
    }

    @Test
    void aFailureIsRecordedOnce() {
        TicketFixtures.at(NOW)
                .given(notified())
                .when(new RecordSupervisorNotificationFailedCommand(ID, NOTIFICATION, 5, "HTTP 503"), SLA_MONITOR)
                .expectEvents(new SupervisorNotificationFailedEvent(ID, NOTIFICATION, 5, "HTTP 503"));
        List<Object> failed = notified();
        failed.add(new SupervisorNotificationFailedEvent(ID, NOTIFICATION, 5, "HTTP 503"));
        TicketFixtures.at(NOW)
                .given(failed)
                .when(new RecordSupervisorNotificationFailedCommand(ID, NOTIFICATION, 6, "HTTP 503"), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeliveryAfterAFailureIsRecorded() {
        List<Object> failed = notified();
        failed.add(new SupervisorNotificationFailedEvent(ID, NOTIFICATION, 5, "HTTP 503"));
        TicketFixtures.at(NOW)
                .given(failed)
                .when(new RecordSupervisorNotificationDeliveredCommand(ID, NOTIFICATION, 7, DELIVERED_AT), SLA_MONITOR)
                .expectEvents(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 7, DELIVERED_AT));
    }

    @Test
    void aFailureAfterADeliveryStoresNothing() {
        List<Object> delivered = notified();
        delivered.add(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 1, DELIVERED_AT));
        TicketFixtures.at(NOW)
                .given(delivered)
                .when(new RecordSupervisorNotificationFailedCommand(ID, NOTIFICATION, 5, "late"), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReportOfANotificationNeverRequestedIsRefused() {
        TicketFixtures.at(NOW)
                .given(notified())
                .when(
                        new RecordSupervisorNotificationDeliveredCommand(ID, "T-1:RESOLUTION:BREACH:1", 1, null),
                        SLA_MONITOR)
                .expectNoEvents()
                .expectException(UnknownNotificationException.class);
        TicketFixtures.at(NOW)
                .given(assigned())
                .when(new RecordSupervisorNotificationFailedCommand(ID, NOTIFICATION, 5, "HTTP 503"), SLA_MONITOR)
                .expectNoEvents()
                .expectException(UnknownNotificationException.class);
    }

    @Test
    void aClosedTicketStillRecordsTheDelivery() {
        List<Object> closed = notified();
        closed.add(new TicketClosedEvent(ID));
        TicketFixtures.at(NOW)
                .given(closed)
                .when(new RecordSupervisorNotificationDeliveredCommand(ID, NOTIFICATION, 1, DELIVERED_AT), SLA_MONITOR)
                .expectEvents(new SupervisorNotificationDeliveredEvent(ID, NOTIFICATION, 1, DELIVERED_AT));
    }

    @Test
    void aBreachThatArrivesAfterTheReplyMetTheClockStoresNothing() {
        // The reply is handled first (a moment before the due instant); the breach deadline fired at the due
        // instant and its command reaches the ticket after the reply.
        TicketFixtures.at(FR_DUE.plusSeconds(1))
                .given(assigned())
                .andGivenCommands(List.of(GenericCommandMessage.asCommandMessage(
                                new PostReplyCommand(ID, "On my way", Visibility.PUBLIC, null))
                        .withMetaData(ALICE)))
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBreachRecordedBeforeTheReplyIsRecordedOnceAndNotAgainAfterIt() {
        List<Object> breached = assigned();
        breached.add(new SlaClockBreachedEvent(ID, SlaMetric.FIRST_RESPONSE, FR_DUE));
        breached.add(new TicketEscalatedEvent(ID, 1, EscalationTrigger.BREACH, SlaMetric.FIRST_RESPONSE, "late"));
        TicketFixtures.at(FR_DUE.plusSeconds(1))
                .given(breached)
                .andGivenCommands(List.of(GenericCommandMessage.asCommandMessage(
                                new PostReplyCommand(ID, "On my way", Visibility.PUBLIC, null))
                        .withMetaData(ALICE)))
                .when(new RecordSlaBreachCommand(ID, SlaMetric.FIRST_RESPONSE, FR_DUE), SLA_MONITOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
