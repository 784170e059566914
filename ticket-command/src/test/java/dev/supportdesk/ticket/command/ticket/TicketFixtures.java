package dev.supportdesk.ticket.command.ticket;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockRetargetedEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.model.sla.SlaClockCalculator;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.ticket.command.metadata.EventMetadataProvider;
import dev.supportdesk.ticket.command.sla.SlaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * What the Ticket aggregate's tests share: the fixture with the resources the application injects (a fixed clock,
 * the group supervisors, the SLA calculator) and the metadata it writes, the callers, and the clock facts of the
 * documented default policy (NORMAL: first response 4 h, resolution 24 h, warnings at 80 %, the 24x7 calendar).
 */
public final class TicketFixtures {

    /** Group tier2 is supervised by sam, for the escalation ladder's notifications. */
    public static final GroupSupervisors DIRECTORY = group -> "tier2".equals(group) ? List.of("sam") : List.of();

    public static final Map<String, String> ALICE =
            Map.of(MetadataKeys.ACTOR, "alice", MetadataKeys.ACTOR_ROLE, "AGENT");
    public static final Map<String, String> BOB = Map.of(MetadataKeys.ACTOR, "bob", MetadataKeys.ACTOR_ROLE, "AGENT");
    public static final Map<String, String> SLA_MONITOR =
            Map.of(MetadataKeys.ACTOR, "sla-monitor", MetadataKeys.ACTOR_ROLE, "SYSTEM");

    private TicketFixtures() {}

    /** The calculator under the documented settings (docs/sla.md). */
    public static SlaClockCalculator documentedCalculator() {
        return new SlaClockCalculator(SlaSettings.documented());
    }

    /** A fixture whose clock stands at {@code now}, under the documented settings. */
    static AggregateTestFixture<Ticket> at(Instant now) {
        return at(now, documentedCalculator());
    }

    /** A fixture whose clock stands at {@code now}, under these policies. */
    static AggregateTestFixture<Ticket> at(Instant now, SlaPolicies policies) {
        return at(now, new SlaClockCalculator(policies));
    }

    private static AggregateTestFixture<Ticket> at(Instant now, SlaClockCalculator calculator) {
        AggregateTestFixture<Ticket> fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        fixture.registerInjectableResource(DIRECTORY);
        fixture.registerInjectableResource(calculator);
        // the same metadata the application writes, so that the aggregate sees who caused each event
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(new EventMetadataProvider()));
        return fixture;
    }

    /** A NORMAL ticket's first-response clock started at {@code at}: due in 4 h, warning at 3 h 12 min. */
    public static SlaClockStartedEvent firstResponseStarted(String ticketId, Instant at) {
        return new SlaClockStartedEvent(
                ticketId,
                SlaMetric.FIRST_RESPONSE,
                "default",
                "24x7",
                Duration.ofHours(4),
                at.plus(Duration.ofHours(4)),
                at.plus(Duration.ofMinutes(192)),
                0L,
                0L,
                0L);
    }

    /** A NORMAL ticket's resolution clock started at {@code at}: due in 24 h, warning at 19 h 12 min. */
    public static SlaClockStartedEvent resolutionStarted(String ticketId, Instant at) {
        return new SlaClockStartedEvent(
                ticketId,
                SlaMetric.RESOLUTION,
                "default",
                "24x7",
                Duration.ofHours(24),
                at.plus(Duration.ofHours(24)),
                at.plus(Duration.ofMinutes(1152)),
                0L,
                0L,
                0L);
    }

    /**
     * Both running clocks of a NORMAL ticket re-targeted to HIGH (1 h / 8 h) at {@code now}, one hour after they
     * started: first response is due now, past its warning point; resolution is due in 7 h.
     */
    public static List<SlaClockRetargetedEvent> retargetedToHighAfterOneHour(String ticketId, Instant now) {
        return List.of(
                new SlaClockRetargetedEvent(
                        ticketId,
                        SlaMetric.FIRST_RESPONSE,
                        "default",
                        Duration.ofHours(1),
                        Duration.ZERO,
                        now,
                        null,
                        0L,
                        "24x7",
                        0L),
                new SlaClockRetargetedEvent(
                        ticketId,
                        SlaMetric.RESOLUTION,
                        "default",
                        Duration.ofHours(8),
                        Duration.ofHours(7),
                        now.plus(Duration.ofHours(7)),
                        now.plus(Duration.ofMinutes(324)),
                        0L,
                        "24x7",
                        0L));
    }
}
