package dev.supportdesk.contract.events;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import org.axonframework.serialization.Revision;

/** An SLA clock stopped because the response or resolution it waited for happened; elapsed is working time. */
@Revision("1")
public record SlaClockMetEvent(String ticketId, SlaMetric metric, Duration elapsed) {}
