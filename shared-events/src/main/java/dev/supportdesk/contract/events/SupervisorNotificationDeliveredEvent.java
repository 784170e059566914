package dev.supportdesk.contract.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The webhook of a supervisor notification was answered 2xx after {@code attempts} tries. */
@Revision("1")
public record SupervisorNotificationDeliveredEvent(
        String ticketId, String notificationId, int attempts, Instant deliveredAt) {}
