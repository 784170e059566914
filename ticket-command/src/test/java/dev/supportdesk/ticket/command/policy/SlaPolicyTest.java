package dev.supportdesk.ticket.command.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.EscalationAction;
import dev.supportdesk.contract.EscalationStep;
import dev.supportdesk.contract.EscalationTrigger;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.contract.SlaTargets;
import dev.supportdesk.contract.events.SlaCalendarDefinedEvent;
import dev.supportdesk.contract.events.SlaPolicyDeactivatedEvent;
import dev.supportdesk.contract.events.SlaPolicyDefinedEvent;
import dev.supportdesk.model.sla.SlaTicket;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DeactivateSlaPolicyCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaCalendarCommand;
import dev.supportdesk.ticket.command.policy.SlaPolicyCommands.DefineSlaPolicyCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** The SLA configuration's aggregates: every change one event, a change that changes nothing none. */
class SlaPolicyTest {

    private static final String ID = SlaPolicyCommands.policyId("vip");
    private static final SlaPolicyMatch PREMIUM = new SlaPolicyMatch(null, CustomerTier.PREMIUM, null);
    private static final SlaTargets TARGETS = new SlaTargets(Duration.ofHours(1), null, Duration.ofHours(8));
    private static final List<EscalationStep> LADDER = List.of(
            new EscalationStep(EscalationTrigger.BREACH, null, List.of(EscalationAction.REASSIGN_TO_GROUP), "tier2"));

    private final AggregateTestFixture<SlaPolicy> policies = new AggregateTestFixture<>(SlaPolicy.class);
    private final AggregateTestFixture<SlaCalendar> calendars = new AggregateTestFixture<>(SlaCalendar.class);

    private static DefineSlaPolicyCommand define(SlaTargets targets) {
        return new DefineSlaPolicyCommand(ID, "vip", PREMIUM, targets, 80, "24x7", LADDER, null);
    }

    private static SlaPolicyDefinedEvent defined(SlaTargets targets) {
        return new SlaPolicyDefinedEvent(ID, "vip", PREMIUM, targets, 80, "24x7", LADDER, null);
    }

    @Test
    void aNewPolicyIsDefinedAtVersionOne() {
        policies.givenNoPriorActivity()
                .when(define(TARGETS))
                .expectEvents(defined(TARGETS))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aChangedPolicyIsANewVersion() {
        SlaTargets longer = new SlaTargets(Duration.ofHours(2), null, Duration.ofHours(8));
        policies.given(defined(TARGETS))
                .when(define(longer))
                .expectEvents(defined(longer))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theSameDefinitionAgainStoresNothingAndKeepsTheVersion() {
        policies.given(defined(TARGETS)).when(define(TARGETS)).expectNoEvents().expectResultMessagePayload(1L);
    }

    @Test
    void deactivatingRecordsItOnce() {
        policies.given(defined(TARGETS))
                .when(new DeactivateSlaPolicyCommand(ID))
                .expectEvents(new SlaPolicyDeactivatedEvent(ID, "vip"))
                .expectResultMessagePayload(2L);
        policies.given(defined(TARGETS), new SlaPolicyDeactivatedEvent(ID, "vip"))
                .when(new DeactivateSlaPolicyCommand(ID))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void definingADeactivatedPolicyAgainActivatesIt() {
        policies.given(defined(TARGETS), new SlaPolicyDeactivatedEvent(ID, "vip"))
                .when(define(TARGETS))
                .expectEvents(defined(TARGETS))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aCalendarIsDefinedAndAnUnchangedOneStoresNothing() {
        String id = SlaPolicyCommands.calendarId("office");
        Map<String, List<String>> hours = Map.of("MONDAY", List.of("09:00-17:00"));
        SlaCalendarDefinedEvent event =
                new SlaCalendarDefinedEvent(id, "office", "Europe/Berlin", hours, List.of("2026-12-24"));
        calendars
                .givenNoPriorActivity()
                .when(new DefineSlaCalendarCommand(id, "office", "Europe/Berlin", hours, List.of("2026-12-24")))
                .expectEvents(event)
                .expectResultMessagePayload(1L);
        calendars
                .given(event)
                .when(new DefineSlaCalendarCommand(id, "office", "Europe/Berlin", hours, List.of("2026-12-24")))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aSetMatchFieldMustEqualAndAnUnsetOneMatchesAnything() {
        SlaTicket premiumChat = new SlaTicket(Priority.HIGH, CustomerTier.PREMIUM, Channel.CHAT);
        assertThat(StoredSlaPolicies.matches(PREMIUM, premiumChat)).isTrue();
        assertThat(StoredSlaPolicies.matches(new SlaPolicyMatch(null, null, null), premiumChat))
                .isTrue();
        assertThat(StoredSlaPolicies.matches(new SlaPolicyMatch(Priority.HIGH, null, Channel.EMAIL), premiumChat))
                .isFalse();
        assertThat(StoredSlaPolicies.matches(new SlaPolicyMatch(null, CustomerTier.STANDARD, null), premiumChat))
                .isFalse();
    }
}
