package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import org.axonframework.serialization.Revision;

/** A running SLA clock paused (the ticket waits on the customer); remaining is working time left. */
@Revision("1")
public record SlaClockPausedEvent(String ticketId, SlaMetric metric, Duration remaining) {}
