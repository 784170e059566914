package dev.supportdesk.sla.monitor.saga;

import dev.supportdesk.contract.SlaMetric;
import java.time.Instant;

/**
 * The payload of a persisted warning or breach deadline. It carries the instant it was scheduled for, so a
 * deadline that outlived its clock (a cancel that came too late) is recognised and ignored, and the correlation
 * id of the event that scheduled it, which travels on to ticket-command.
 */
record SlaDeadline(SlaMetric metric, Instant at, String correlationId) {}
