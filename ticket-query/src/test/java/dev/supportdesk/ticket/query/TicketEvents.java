package dev.supportdesk.ticket.query;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.Requester;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Events as ticket-command writes them when it opens a ticket: opened (v1), first response (v2), resolution (v3). */
public final class TicketEvents {

    private TicketEvents() {}

    public static List<Object> opening(
            String id,
            String subject,
            Channel channel,
            Priority priority,
            Instant at,
            Duration firstResponse,
            List<String> tags) {
        return List.of(
                new TicketOpenedEvent(
                        id,
                        subject,
                        "Description of " + subject,
                        channel,
                        priority,
                        new Requester("Carla Customer", "carla@example.com", "+41 44 000 00 00"),
                        CustomerTier.STANDARD,
                        tags),
                new SlaClockStartedEvent(
                        id,
                        SlaMetric.FIRST_RESPONSE,
                        "default",
                        "24x7",
                        firstResponse,
                        at.plus(firstResponse),
                        at.plus(firstResponse.multipliedBy(8).dividedBy(10))),
                new SlaClockStartedEvent(
                        id,
                        SlaMetric.RESOLUTION,
                        "default",
                        "24x7",
                        Duration.ofHours(24),
                        at.plus(Duration.ofHours(24)),
                        at.plus(Duration.ofHours(19))));
    }
}
