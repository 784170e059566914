package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/**
 * A supervisor notification has kept failing: recorded once, when sla-monitor's retries reach the configured
 * count, so that the ticket shows it. Retries go on with back-off; a later success records the delivery.
 */
@Revision("1")
public record SupervisorNotificationFailedEvent(String ticketId, String notificationId, int attempts, String error) {}
